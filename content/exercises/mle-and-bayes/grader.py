"""Cases for mle-and-bayes: real samples and the Titanic table. Worker only (trusted)."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _load(name):
    return np.load(HERE / "data" / f"{name}.npy")


def normal_samples(rng):
    return [{"args": [_load("faithful_waiting")]}, {"args": [_load("precip")]}]


def count_samples(rng):
    d = _load("discoveries")
    return [{"args": [d]}, {"args": [d[:50]]}, {"args": [d[50:]]}]


def positive_samples(rng):
    return [
        {"args": [_load("precip")]},
        {"args": [_load("rivers")]},
        {"args": [_load("faithful_waiting")]},
    ]


def class_evidence(rng):
    """Prior: each class's share of those aboard; likelihood: each class's survival rate."""
    table = _load("titanic_class_survived").astype(float)
    aboard = table.sum(axis=1)
    died = table[:, 0] / aboard
    return [
        {"args": [aboard / aboard.sum(), table[:, 1] / aboard]},  # P(class | survived)
        {"args": [aboard / aboard.sum(), died]},  # P(class | died)
        {"args": [np.array([0.01, 0.99]), np.array([0.9, 0.05])]},  # a screening test
    ]


def survival_counts(rng):
    table = _load("titanic_class_survived")
    return [
        {"args": [int(table[i, 1]), int(table[i, 0])], "kwargs": {"a": a, "b": b}}
        for i, (a, b) in enumerate([(1, 1), (1, 1), (2, 2), (0.5, 0.5)])
    ]
