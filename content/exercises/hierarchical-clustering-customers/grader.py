"""Cases for hierarchical-clustering-customers. Worker only (trusted).

Random sets are continuous, so no two merge heights tie and the order of merges is unique:
any correct Ward linkage gives SciPy's matrix to rounding.
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _households():
    X = np.load(HERE / "data/households.npy")
    return (X - X.mean(axis=0)) / X.std(axis=0)


def point_sets(rng):
    sets = [
        rng.normal(size=(6, 2)),
        rng.normal(size=(25, 3)) * rng.uniform(0.5, 4.0, 3),
        np.vstack([rng.normal(c, 0.6, size=(15, 4)) for c in (-3.0, 0.0, 3.0)]),
        _households()[rng.choice(600, 40, replace=False)],
    ]
    return [{"args": [X]} for X in sets]


def trees(rng):
    from scipy.cluster.hierarchy import linkage

    cases = []
    for n, d, k in [(12, 2, 3), (40, 3, 4), (30, 2, 1), (20, 5, 20)]:
        cases.append({"args": [linkage(rng.normal(size=(n, d)), "ward"), k]})
    real = _households()[rng.choice(600, 80, replace=False)]
    cases.append({"args": [linkage(real, "ward"), 5]})
    return cases


def labelled_sets(rng):
    cases = []
    X = rng.normal(size=(30, 2))
    labels = rng.integers(0, 3, 30)
    cases.append({"args": [X, labels]})
    blobs = np.vstack([rng.normal(c, 0.5, size=(12, 3)) for c in (-2.0, 2.0)])
    cases.append({"args": [blobs, np.repeat([0, 1], 12)]})
    lonely = rng.normal(size=(20, 2))
    labels = np.r_[np.zeros(10, int), np.ones(9, int), [2]]  # cluster 2 holds one point
    cases.append({"args": [lonely, labels]})
    real = _households()
    volume_tercile = np.digitize(real[:, 2], np.quantile(real[:, 2], [1 / 3, 2 / 3]))
    cases.append({"args": [real, volume_tercile]})
    return cases


def tables(rng):
    X = np.load(HERE / "data/households.npy")
    return [{"args": [X]}, {"args": [X[np.sort(rng.choice(600, 200, replace=False))]]}]
