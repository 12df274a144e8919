"""Trusted: expected values from scikit-learn's own PCA (reference run only), with each
component's sign fixed so that its entry of largest magnitude is positive."""

import numpy as np
from sklearn.decomposition import PCA


def _signs(components):
    biggest = np.argmax(np.abs(components), axis=1)
    return np.sign(components[np.arange(len(components)), biggest])


def pca(X, k):
    model = PCA(n_components=k, svd_solver="full").fit(X)
    signs = _signs(model.components_)
    return (
        model.components_ * signs[:, None],
        model.explained_variance_,
        model.explained_variance_ratio_,
    )


def project_2d(X):
    model = PCA(n_components=2, svd_solver="full").fit(X)
    signs = _signs(model.components_)
    return model.transform(X) * signs
