"""Cases for svm-kernel-choice. Runs in the worker only (trusted)."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def point_sets(rng):
    cases = []
    for n, m, d, gamma in [(4, 3, 2, 0.5), (30, 20, 11, 0.05), (10, 10, 5, 2.0)]:
        A = rng.normal(size=(n, d))
        B = rng.normal(size=(m, d))
        cases.append({"args": [A, B, gamma]})
    return cases


def cv_settings(rng):
    X = np.load(HERE / "data/X_train.npy")
    y = np.load(HERE / "data/y_train.npy")
    rows = np.sort(rng.choice(len(y), 400, replace=False))
    X, y = X[rows], y[rows]
    return [
        {"args": [X, y, "rbf", 10.0, 0.05]},
        {"args": [X, y, "rbf", 1.0, 0.5]},
        {"args": [X, y, "linear", 1.0, "scale"]},
    ]
