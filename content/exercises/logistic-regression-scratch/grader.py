"""Cases for logistic-regression-scratch. Runs in the worker only (trusted)."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _standardized_train():
    X = np.load(HERE / "data/X_train.npy")
    y = np.load(HERE / "data/y_train.npy")
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def probabilities(rng):
    cases = []
    for n in (5, 40, 200):
        y = rng.integers(0, 2, n)
        p = rng.uniform(0.02, 0.98, n)
        cases.append({"args": [y, p]})
    return cases


def small_problems(rng):
    X, y = _standardized_train()
    cases = []
    for n, d, lam in [(12, 3, 0.1), (60, 8, 0.01), (400, 30, 0.05)]:
        rows = rng.choice(len(y), n, replace=False)
        w = rng.normal(0, 0.5, d)
        cases.append({"args": [w, float(rng.normal()), X[rows, :d], y[rows], lam]})
    return cases


def objective(w, b, X, y, lam):
    z = X @ w + b
    # log(1 + e^z) - y z, written to stay finite for large |z|
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * w @ w)


def numeric_gradients(w, b, X, y, lam, h=1e-6):
    """Central differences of the regularised mean log loss: independent of any solution."""
    w = np.asarray(w, dtype=float)
    dw = np.zeros_like(w)
    for i in range(len(w)):
        step = np.zeros_like(w)
        step[i] = h
        dw[i] = (objective(w + step, b, X, y, lam) - objective(w - step, b, X, y, lam)) / (2 * h)
    db = (objective(w, b + h, X, y, lam) - objective(w, b - h, X, y, lam)) / (2 * h)
    return (dw, float(db))


def training_sets(rng):
    X, y = _standardized_train()
    return [
        {"args": [X, y, 0.05]},
        {"args": [X[:, :10], y, 0.2]},
        {"args": [X[:150], y[:150], 0.02]},
    ]
