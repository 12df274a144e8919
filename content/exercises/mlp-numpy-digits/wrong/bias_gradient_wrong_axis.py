"""Wrong: the hidden bias gradient sums over the hidden units (axis 1) instead of the batch."""

import numpy as np
import report


def init_params(n_in, n_hidden, n_out, rng):
    return {
        "W1": rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0, np.sqrt(1 / n_hidden), (n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def _hidden(params, X):
    return np.maximum(0, X @ params["W1"] + params["b1"])


def forward(params, X):
    logits = _hidden(params, X) @ params["W2"] + params["b2"]
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def loss(params, X, y):
    return float(-np.mean(np.log(forward(params, X)[np.arange(len(y)), y] + 1e-12)))


def gradients(params, X, y):
    n = len(y)
    h = _hidden(params, X)
    delta2 = forward(params, X)
    delta2[np.arange(n), y] -= 1
    delta2 /= n
    delta1 = (delta2 @ params["W2"].T) * (h > 0)
    return {
        "W1": X.T @ delta1,
        "b1": delta1.sum(axis=1),
        "W2": h.T @ delta2,
        "b2": delta2.sum(axis=0),
    }


def train(X_train, y_train, epochs=20, lr=0.2, batch=32):
    """The trained parameters; the grader predicts argmax(forward(params, X_test / 255))."""
    rng = np.random.default_rng(np.random.randint(2**31))
    X = X_train / 255.0
    params = init_params(X.shape[1], 100, 10, rng)
    for epoch in range(epochs):
        order = rng.permutation(len(y_train))
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            for name, grad in gradients(params, X[rows], y_train[rows]).items():
                params[name] -= lr * grad
        report.log(epoch=epoch + 1, loss=loss(params, X, y_train))
    return params
