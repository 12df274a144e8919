"""Latent means, log-variances, noise and binary images (float64). Worker only."""

import numpy as np


def latents(rng):
    cases = []
    for batch, dim in [(1, 2), (4, 3), (16, 8)]:
        mu = rng.normal(size=(batch, dim))
        logvar = rng.normal(scale=1.5, size=(batch, dim))
        cases.append({"args": [mu, logvar]})
    return cases


def latents_with_noise(rng):
    return [{"args": [*c["args"], rng.normal(size=c["args"][0].shape)]} for c in latents(rng)]


def batches(rng):
    cases = []
    for batch, n_in, dim in [(2, 6, 2), (5, 20, 4), (8, 64, 3)]:
        x = (rng.uniform(size=(batch, n_in)) < 0.4).astype(np.float64)
        x_logits = rng.normal(scale=2.0, size=(batch, n_in))
        mu, logvar = rng.normal(size=(batch, dim)), rng.normal(size=(batch, dim))
        cases.append({"args": [x, x_logits, mu, logvar]})
    return cases
