"""Cases for decision-tree-gini. Runs in the worker only (trusted).

The split cases have one clear best split: a case whose two best candidate splits are within
1e-9 of each other in gain is redrawn, so the order a solution scans candidates in never matters.
"""

import numpy as np


def _gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    return 1.0 - float(p @ p)


def _gains(X, y):
    out = []
    for f in range(X.shape[1]):
        values = np.unique(X[:, f])
        for lo, hi in zip(values[:-1], values[1:], strict=True):
            t = (lo + hi) / 2
            left = X[:, f] <= t
            n = len(y)
            child = left.sum() / n * _gini(y[left]) + (~left).sum() / n * _gini(y[~left])
            out.append(_gini(y) - child)
    return sorted(out, reverse=True)


def label_sets(rng):
    return [
        {"args": [np.array([0, 0, 1, 1])]},
        {"args": [np.array([2, 2, 2])]},
        {"args": [rng.integers(0, 3, 50)]},
        {"args": [np.array([0, 1, 1, 1, 1, 1, 1, 1, 1, 1])]},
    ]


def split_cases(rng):
    cases = [
        # one feature, a perfect split between 3 and 10
        {"args": [np.array([[1.0], [2.0], [3.0], [10.0], [11.0]]), np.array([0, 0, 0, 1, 1])]},
    ]
    for n, d, classes, integer in [
        (12, 2, 2, True),
        (30, 3, 3, True),
        (80, 5, 2, False),
        (40, 4, 3, True),
    ]:
        while True:
            X = rng.integers(0, 8, (n, d)).astype(float) if integer else rng.normal(size=(n, d))
            y = (X[:, 0] + rng.normal(0, 2.5, n) > X[:, 0].mean()).astype(int)
            if classes == 3:
                y = y + (X[:, 1] > np.median(X[:, 1])) * (rng.uniform(size=n) < 0.7)
            gains = _gains(X, y)
            if len(gains) > 1 and gains[0] - gains[1] > 1e-9 and gains[0] > 1e-9:
                break
        cases.append({"args": [X, y]})
    return cases
