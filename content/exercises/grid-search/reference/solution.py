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
    """Validation accuracy of train_mlp(X_train, y_train, h, lr) for every pair: one row per
    hidden size, one column per learning rate."""
    scores = np.zeros((len(hidden_sizes), len(learning_rates)))
    for i, hidden in enumerate(hidden_sizes):
        for j, lr in enumerate(learning_rates):
            params = train_mlp(X_train, y_train, int(hidden), float(lr))
            scores[i, j] = np.mean(predict(params, X_val) == y_val)
    return scores


def best_setting(scores, hidden_sizes, learning_rates):
    """The (hidden size, learning rate) with the highest validation accuracy."""
    i, j = np.unravel_index(np.argmax(scores), np.shape(scores))
    return int(hidden_sizes[i]), float(learning_rates[j])


HIDDEN_SIZES = [8, 32, 96]
LEARNING_RATES = [0.03, 0.3, 3.0]


def tuned_predictions(X_train, y_train, X_test):
    """Hold out the last 20% of the training rows, search the grid on them, retrain the best
    setting on every training row and predict the test images."""
    X, X_test = X_train / 255.0, X_test / 255.0
    cut = int(0.8 * len(y_train))
    scores = validation_grid(
        X[:cut], y_train[:cut], X[cut:], y_train[cut:], HIDDEN_SIZES, LEARNING_RATES
    )
    for i, hidden in enumerate(HIDDEN_SIZES):
        report.log(
            hidden=hidden,
            **{
                f"val_accuracy_lr_{lr:g}": s
                for lr, s in zip(LEARNING_RATES, scores[i], strict=True)
            },
        )
    hidden, lr = best_setting(scores, HIDDEN_SIZES, LEARNING_RATES)
    return predict(train_mlp(X, y_train, hidden, lr), X_test)
