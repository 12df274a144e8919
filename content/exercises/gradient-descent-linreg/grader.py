"""Cases and finite-difference expectations for gradient-descent-linreg. Runs in the worker only."""

import numpy as np


def _problem(rng, n, d):
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + 0.5 + 0.1 * rng.normal(size=n)
    return X, y


def random_problems(rng):
    cases = []
    for n, d in [(5, 1), (20, 3), (50, 4), (8, 6)]:
        X, y = _problem(rng, n, d)
        cases.append({"args": [X, y, rng.normal(size=d), float(rng.normal())]})
    return cases


def short_fits(rng):
    cases = []
    for n, d, lr, epochs in [(30, 2, 0.1, 5), (40, 3, 0.05, 12), (25, 1, 0.2, 1)]:
        X, y = _problem(rng, n, d)
        cases.append({"args": [X, y], "kwargs": {"lr": lr, "epochs": epochs}})
    return cases


def numeric_mse_gradient(X, y, w, b, eps=1e-6):
    """Central differences of the loss: an expectation independent of any solution's algebra."""

    def loss(w_, b_):
        return float(np.mean((X @ w_ + b_ - y) ** 2))

    dw = np.array(
        [(loss(w + eps * e, b) - loss(w - eps * e, b)) / (2 * eps) for e in np.eye(len(w))]
    )
    db = (loss(w, b + eps) - loss(w, b - eps)) / (2 * eps)
    return (dw, db)
