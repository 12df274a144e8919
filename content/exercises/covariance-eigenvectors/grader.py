"""Correlated data sets for covariance-eigenvectors. Runs in the worker only."""


def _dataset(rng, n, d):
    mixing = rng.normal(size=(d, d)) * rng.uniform(0.3, 3.0, size=d)
    return rng.normal(size=(n, d)) @ mixing + rng.uniform(-5, 5, size=d)


def datasets(rng):
    return [{"args": [_dataset(rng, n, d)]} for n, d in [(50, 3), (200, 5), (12, 4), (30, 2)]]


def datasets_with_k(rng):
    return [
        {"args": [_dataset(rng, n, d), k]} for n, d, k in [(100, 4, 2), (300, 6, 3), (40, 3, 3)]
    ]
