"""Logits, a small random critic, real and generated batches and mixing weights (float64). Worker only."""

import numpy as np


def logits(rng):
    return [
        {"args": [rng.normal(scale=2, size=(n, 1)), rng.normal(scale=2, size=(n, 1))]}
        for n in (1, 7, 32)
    ]


def fake_logits(rng):
    return [{"args": [rng.normal(scale=2, size=(n, 1))]} for n in (1, 7, 32)]


def critics(rng):
    cases = []
    for batch, dim, hidden in [(1, 2, 3), (6, 5, 8), (16, 10, 4)]:
        W1 = rng.normal(scale=1.5 / np.sqrt(dim), size=(hidden, dim))
        b1 = rng.normal(scale=0.1, size=(hidden,))
        W2 = rng.normal(scale=1.5 / np.sqrt(hidden), size=(1, hidden))
        b2 = rng.normal(scale=0.1, size=(1,))
        real, fake = rng.normal(size=(batch, dim)), rng.normal(size=(batch, dim))
        alpha = rng.uniform(size=(batch, 1))
        cases.append({"args": [W1, b1, W2, b2, real, fake, alpha]})
    return cases
