"""Wrong: the earlier interface's shortcut. A 3-nearest-neighbour vote predicts the test digits
(it scores about 0.95 here, better than the network) and no network is trained at all; the
grader asks for the trained parameters and predicts from them itself."""

import numpy as np


def forward(params, X):
    logits = np.maximum(0, X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def gradients(params, X, y):
    n = len(y)
    h = np.maximum(0, X @ params["W1"] + params["b1"])
    delta2 = forward(params, X)
    delta2[np.arange(n), y] -= 1
    delta2 /= n
    delta1 = (delta2 @ params["W2"].T) * (h > 0)
    return {"W1": X.T @ delta1, "b1": delta1.sum(axis=0), "W2": h.T @ delta2, "b2": delta2.sum(axis=0)}


def train_and_predict(X_train, y_train, X_test, k=3):
    A, B = X_train.astype(float), X_test.astype(float)
    d = (B**2).sum(1)[:, None] - 2 * B @ A.T + (A**2).sum(1)[None, :]
    votes = y_train[np.argsort(d, axis=1)[:, :k]]
    return np.array([np.bincount(v, minlength=10).argmax() for v in votes])


def train(X_train, y_train):
    """Returns random weights: the real predictions happen in train_and_predict."""
    rng = np.random.default_rng(0)
    return {"W1": rng.normal(0, 0.05, (196, 64)), "b1": np.zeros(64), "W2": rng.normal(0, 0.1, (64, 10)), "b2": np.zeros(10)}
