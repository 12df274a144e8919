"""Trusted: which points scikit-learn's DBSCAN takes as core points (reference run only)."""

import numpy as np
from sklearn.cluster import DBSCAN


def core_points(X, eps, min_samples):
    model = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    core = np.zeros(len(X), dtype=bool)
    core[model.core_sample_indices_] = True
    return core
