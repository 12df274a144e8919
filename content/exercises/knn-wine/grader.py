"""Cases for knn-wine's knn_predict probe. Runs in the worker only (trusted).

Queries whose k nearest neighbours are not clear-cut (two training points at nearly the same
distance across the k-th place, or a tie in the vote) are left out, so any correct tie rule
passes.
"""

import numpy as np


def _clear_cut(X_train, y_train, q, k):
    d = np.sqrt(((X_train - q) ** 2).sum(axis=1))
    order = np.sort(d)
    if k < len(order) and order[k] - order[k - 1] < 1e-6:
        return False
    votes = np.bincount(y_train[np.argsort(d)[:k]], minlength=y_train.max() + 1)
    top = np.sort(votes)[::-1]
    return len(top) < 2 or top[0] > top[1]


def small_cases(rng):
    cases = []
    for n, d, classes, k, m in [
        (20, 2, 2, 3, 8),
        (60, 4, 3, 5, 15),
        (40, 13, 3, 1, 10),
        (100, 3, 4, 7, 20),
    ]:
        X_train = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, d)
        y_train = rng.integers(0, classes, n)
        queries = []
        while len(queries) < m:
            q = rng.normal(size=d) * rng.uniform(0.5, 3, d)
            if _clear_cut(X_train, y_train, q, k):
                queries.append(q)
        cases.append({"args": [X_train, y_train, np.array(queries), k]})
    return cases
