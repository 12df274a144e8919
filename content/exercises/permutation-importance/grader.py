"""Probe cases for permutation-importance: training and held-out rows of real tables. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _table(name):
    return np.load(HERE / f"data/{name}_X.npy"), np.load(HERE / f"data/{name}_y.npy")


def _split(rng, X, y, n_train, n_val):
    rows = rng.permutation(len(y))
    a, b = rows[:n_train], rows[n_train : n_train + n_val]
    return [X[a], y[a], X[b], y[b]]


def _seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def ridge_cases(rng):
    diabetes, corolla = _table("diabetes"), _table("corolla")
    return [
        {"args": ["ridge", *_split(rng, *diabetes, 300, 142), 5, _seed(rng)]},
        {"args": ["ridge", *_split(rng, *diabetes, 120, 60), 3, _seed(rng)]},
        {"args": ["ridge", *_split(rng, *corolla, 500, 250), 4, _seed(rng)]},
    ]


def forest_cases(rng):
    diabetes, corolla = _table("diabetes"), _table("corolla")
    return [
        {"args": ["forest", *_split(rng, *diabetes, 300, 142), 4, _seed(rng)]},
        {"args": ["forest", *_split(rng, *corolla, 400, 200), 3, _seed(rng)]},
    ]
