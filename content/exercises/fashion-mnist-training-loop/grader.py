"""Cases for fashion-mnist-training-loop's sgd_pass check: real images, random weights. Worker only."""

from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


def small_passes(rng):
    """A few batches of the shipped training images (scaled to 0–1) and a random Classifier."""
    images = np.load(DATA / "X_train.npy")
    labels = np.load(DATA / "y_train.npy")
    cases = []
    for n, hidden, batch_size, lr in [(96, 16, 32, 0.1), (50, 8, 16, 0.05)]:
        rows = rng.choice(len(labels), n, replace=False)
        X = (images[rows].reshape(n, -1) / 255.0).astype(np.float32)
        weights = {
            "hidden.weight": rng.normal(0, 0.1, size=(hidden, X.shape[1])).astype(np.float32),
            "hidden.bias": rng.normal(0, 0.1, size=hidden).astype(np.float32),
            "out.weight": rng.normal(0, 0.3, size=(10, hidden)).astype(np.float32),
            "out.bias": np.zeros(10, dtype=np.float32),
        }
        cases.append({"args": [weights, X, labels[rows], lr, batch_size]})
    return cases
