import numpy as np


def mse_gradient(X, y, w, b):
    """Return (dw, db), the gradient of mean((X @ w + b - y) ** 2)."""
    dw = np.zeros_like(w)  # TODO
    db = 0.0  # TODO
    return dw, db


def fit(X, y, lr, epochs):
    """Start from zeros and take exactly `epochs` gradient steps; return (w, b)."""
    w, b = np.zeros(X.shape[1]), 0.0
    # TODO: the update loop (log the loss with report.log(epoch=..., loss=...))
    return w, b
