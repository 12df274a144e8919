"""Small networks and batches for mlp-numpy-digits; gradients by central differences. Worker only."""

import numpy as np


def _params(rng, d, h, c):
    return {
        "W1": rng.normal(0, 0.5, (d, h)),
        "b1": rng.normal(0, 0.1, h),
        "W2": rng.normal(0, 0.5, (h, c)),
        "b2": rng.normal(0, 0.1, c),
    }


def small_networks(rng):
    return [
        {"args": [_params(rng, d, h, c), rng.normal(size=(n, d))]}
        for n, d, h, c in [(4, 3, 5, 2), (7, 8, 6, 10), (1, 4, 3, 3)]
    ]


def small_batches(rng):
    cases = []
    for n, d, h, c in [(6, 4, 5, 3), (10, 8, 6, 10)]:
        cases.append(
            {"args": [_params(rng, d, h, c), rng.normal(size=(n, d)), rng.integers(0, c, n)]}
        )
    return cases


def _loss(params, X, y):
    hidden = np.maximum(0, X @ params["W1"] + params["b1"])
    logits = hidden @ params["W2"] + params["b2"]
    logits = logits - logits.max(axis=1, keepdims=True)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return -np.mean(log_p[np.arange(len(y)), y])


def numeric_gradients(params, X, y, eps=1e-6):
    grads = {}
    for name, value in params.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            saved = value[index]
            value[index] = saved + eps
            up = _loss(params, X, y)
            value[index] = saved - eps
            down = _loss(params, X, y)
            value[index] = saved
            grad[index] = (up - down) / (2 * eps)
        grads[name] = grad
    return grads
