"""Probe cases for airpassengers-forecast: stretches of the real series. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _series():
    return np.load(HERE / "data/passengers_1949_1959.npy")


def splits(rng):
    s = _series()
    return [{"args": [s, 12]}, {"args": [s[:60], 6]}, {"args": [s[24:], 24]}]


def histories(rng):
    s = _series()
    return [
        {"args": [s, 12]},
        {"args": [s[:100], 18]},
        {"args": [s[:50], 5], "kwargs": {"period": 12}},
        {"args": [s.reshape(-1, 3).sum(axis=1), 6], "kwargs": {"period": 4}},  # quarterly totals
    ]


def backtests(rng):
    s = _series()
    return [{"args": [s, 12]}, {"args": [s[:96], 12]}, {"args": [s[:72], 24]}]
