"""Small grids on real MNIST rows for grid-search's probes: a training part and a separate
validation part, so scores taken on anything but the validation rows come out different.
Worker only."""

from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


def small_grids(rng):
    X = np.load(DATA / "X_train.npy") / 255.0
    y = np.load(DATA / "y_train.npy")
    cases = []
    for n_train, n_val in [(400, 150), (300, 100)]:
        rows = rng.choice(len(y), n_train + n_val, replace=False)
        tr, va = rows[:n_train], rows[n_train:]
        cases.append({"args": [X[tr], y[tr], X[va], y[va], [4, 16], [0.05, 0.5, 5.0]]})
    return cases


def score_tables(rng):
    cases = []
    for shape in [(3, 3), (2, 4), (4, 2)]:
        scores = rng.uniform(0.1, 0.9, size=shape)
        hidden = sorted(rng.choice([4, 8, 16, 32, 64, 128], size=shape[0], replace=False).tolist())
        lrs = sorted(
            rng.choice([0.001, 0.01, 0.03, 0.1, 0.3, 1.0], size=shape[1], replace=False).tolist()
        )
        cases.append({"args": [scores, hidden, lrs]})
    return cases
