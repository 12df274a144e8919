import numpy as np

import report


def train_mlp(X, y, hidden, lr, epochs=8, seed=0):
    """Last week's network: 196 → hidden (ReLU) → 10, mini-batch SGD on mean cross-entropy.
    X is scaled to 0–1. Deterministic for a given seed. Returns the parameters."""
    rng = np.random.default_rng(seed)
    d = X.shape[1]
    W1 = rng.normal(0, np.sqrt(2 / d), (d, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, np.sqrt(1 / hidden), (hidden, 10))
    b2 = np.zeros(10)
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y), 32):
            rows = order[start : start + 32]
            h = np.maximum(0, X[rows] @ W1 + b1)
            logits = h @ W2 + b2
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(rows)), y[rows]] -= 1
            p /= len(rows)
            dh = (p @ W2.T) * (h > 0)
            W2 -= lr * h.T @ p
            b2 -= lr * p.sum(axis=0)
            W1 -= lr * X[rows].T @ dh
            b1 -= lr * dh.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def predict(params, X):
    return (np.maximum(0, X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]).argmax(1)


def validation_grid(X_train, y_train, X_val, y_val, hidden_sizes, learning_rates):
    """Validation accuracy for every (hidden size, learning rate): rows follow hidden_sizes,
    columns learning_rates."""
    return np.zeros((len(hidden_sizes), len(learning_rates)))  # TODO


def best_setting(scores, hidden_sizes, learning_rates):
    """The (hidden size, learning rate) with the highest validation accuracy."""
    return int(hidden_sizes[0]), float(learning_rates[0])  # TODO


HIDDEN_SIZES = [8, 32, 96]
LEARNING_RATES = [0.03, 0.3, 3.0]


def tuned_predictions(X_train, y_train, X_test):
    """Search the grid on a validation split of the training rows, retrain the best setting,
    predict X_test. Pixels are 0–255: scale them by 1/255 first."""
    params = train_mlp(X_train / 255.0, y_train, 32, 0.03)  # TODO: the searched setting
    return predict(params, X_test / 255.0)
