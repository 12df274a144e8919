import numpy as np

import report


def forward(params, X):
    """Softmax probabilities of the two-layer ReLU network, shape (n, c)."""
    n, c = len(X), params["b2"].shape[0]
    return np.full((n, c), 1.0 / c)  # TODO


def gradients(params, X, y):
    """Gradient of the mean cross-entropy for each parameter (same keys and shapes)."""
    return {name: np.zeros_like(value) for name, value in params.items()}  # TODO


def train_and_predict(X_train, y_train, X_test):
    """Train on (X_train, y_train); return one predicted digit per row of X_test."""
    for epoch in range(3):
        report.log(epoch=epoch + 1, loss=2.3)  # TODO: real training
    return np.zeros(len(X_test), dtype=int)
