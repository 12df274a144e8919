"""Wrong: a nearest-neighbour vote dressed as a network. W1 stores every training image (one
hidden unit each) and W2 their one-hot labels, so the "network" scores a test image by its
similarity to each stored image. Nothing is learned; the 4,000 hidden units give it away."""

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


def train(X_train, y_train):
    X = X_train / 255.0
    X = X / np.linalg.norm(X, axis=1, keepdims=True)
    return {
        "W1": 20 * X.T,
        "b1": np.full(len(X), -15.0),  # only close images vote
        "W2": np.eye(10)[y_train],
        "b2": np.zeros(10),
    }
