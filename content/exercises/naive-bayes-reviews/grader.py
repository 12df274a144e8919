"""Word-count cases for naive-bayes-reviews. Runs in the worker only (trusted)."""

import numpy as np


def _shares(classes):
    weights = np.arange(1, classes + 1, dtype=float) ** 2
    return weights / weights.sum()


def count_matrices(rng):
    cases = []
    for n, v, classes, alpha in [(6, 4, 2, 1.0), (40, 25, 3, 0.5), (200, 60, 2, 1.0)]:
        # every class present, in unequal numbers (so the prior matters)
        y = np.concatenate(
            [np.arange(classes), rng.choice(classes, n - classes, p=_shares(classes))]
        )
        rng.shuffle(y)
        rates = rng.gamma(0.6, 1.0, (classes, v))
        X = rng.poisson(rates[y]).astype(np.int64)
        X[:, -1] = 0  # a word that never occurs: smoothing must keep it finite
        cases.append({"args": [X, y, alpha]})
    return cases


def scoring_cases(rng):
    cases = []
    for n, v, classes in [(5, 4, 2), (30, 20, 3)]:
        prior = np.log(rng.dirichlet(np.ones(classes) * 3))
        word = np.log(rng.dirichlet(np.ones(v), size=classes))
        X = rng.poisson(1.0, (n, v)).astype(np.int64)
        cases.append({"args": [prior, word, X]})
    return cases
