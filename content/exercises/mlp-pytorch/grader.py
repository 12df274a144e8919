"""Inputs for mlp-pytorch's forward and train_step checks, handed to the learner as float32
arrays or tensors. Worker only."""

from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


def image_batches(rng):
    return [{"args": [rng.uniform(0, 1, size=(n, 196)).astype(np.float32)]} for n in (1, 5, 32)]


def _weights(rng, n_in, n_hidden, n_out, scale=0.3):
    return {
        "hidden.weight": rng.normal(0, scale, size=(n_hidden, n_in)).astype(np.float32),
        "hidden.bias": rng.normal(0, scale, size=n_hidden).astype(np.float32),
        "out.weight": rng.normal(0, scale, size=(n_out, n_hidden)).astype(np.float32),
        "out.bias": rng.normal(0, scale, size=n_out).astype(np.float32),
    }


def given_weights(rng):
    """MLP(196, 32, 10) with random weights in the layers `hidden` and `out`, and a batch."""
    return [
        {
            "args": [
                "solution",
                "MLP",
                [196, 32, 10],
                _weights(rng, 196, 32, 10),
                rng.uniform(0, 1, size=(n, 196)).astype(np.float32),
            ]
        }
        for n in (3, 16)
    ]


def given_start(rng):
    """A small MLP with given weights and three batches of real training images (scaled to
    0–1): three train_step calls with SGD (momentum 0.9) must end where torch's own loop ends."""
    images = np.load(DATA / "X_train.npy")
    labels = np.load(DATA / "y_train.npy")
    cases = []
    for hidden, batch, lr in [(16, 8, 0.1), (8, 5, 0.05)]:
        rows = rng.choice(len(labels), 3 * batch, replace=False)
        X = (images[rows] / 255.0).astype(np.float32)
        batches = [
            [X[i : i + batch], labels[rows[i : i + batch]]] for i in range(0, 3 * batch, batch)
        ]
        weights = _weights(rng, 196, hidden, 10, scale=0.1)
        cases.append({"args": ["solution", "MLP", [196, hidden, 10], weights, batches, lr]})
    return cases
