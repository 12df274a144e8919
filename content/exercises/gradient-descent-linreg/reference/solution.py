import numpy as np
import report


def mse_gradient(X, y, w, b):
    residual = X @ w + b - y
    n = len(y)
    return 2.0 / n * (X.T @ residual), 2.0 / n * float(residual.sum())


def fit(X, y, lr, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    for epoch in range(epochs):
        dw, db = mse_gradient(X, y, w, b)
        w, b = w - lr * dw, b - lr * db
        report.log(epoch=epoch + 1, loss=float(np.mean((X @ w + b - y) ** 2)))
    return w, b
