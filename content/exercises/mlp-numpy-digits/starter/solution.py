import numpy as np

import report


def forward(params, X):
    """Softmax probabilities of the two-layer ReLU network, shape (n, c)."""
    n, c = len(X), params["b2"].shape[0]
    return np.full((n, c), 1.0 / c)  # TODO


def gradients(params, X, y):
    """Gradient of the mean cross-entropy for each parameter (same keys and shapes)."""
    return {name: np.zeros_like(value) for name, value in params.items()}  # TODO


def train(X_train, y_train):
    """Train on (X_train, y_train) (pixels 0–255); return the parameters W1, b1, W2, b2.

    The grader predicts the held-out digits itself: argmax(forward(params, X_test / 255)).
    """
    n_in, n_hidden, n_out = X_train.shape[1], 64, 10
    params = {
        "W1": np.zeros((n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": np.zeros((n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }
    for epoch in range(3):
        report.log(epoch=epoch + 1, loss=2.3)  # TODO: real training with mini-batch SGD
    return params
