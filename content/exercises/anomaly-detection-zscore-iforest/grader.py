"""Cases for anomaly-detection-zscore-iforest's robust z-score probes. Worker only (trusted).

Each training table carries a few gross outliers, so the mean and standard deviation it gives
are far from its median and scaled MAD: a mean/std z-score, or statistics taken from the test
rows, cannot match the expected values.
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _with_outliers(rng, n, d):
    X = rng.normal(rng.uniform(-5, 5, d), rng.uniform(0.5, 3, d), size=(n, d))
    rows = rng.choice(n, max(2, n // 15), replace=False)
    X[rows] += rng.choice([-1, 1], size=(len(rows), d)) * rng.uniform(15, 40, size=(len(rows), d))
    return X


def tables(rng):
    cases = []
    for n_train, n_test, d in [(30, 5, 2), (101, 12, 4), (60, 20, 3)]:
        train = _with_outliers(rng, n_train, d)
        test = _with_outliers(rng, n_test, d)
        cases.append({"args": [train, test]})
    X_train, X_test = np.load(HERE / "data/X_train.npy"), np.load(HERE / "data/X_test.npy")
    cases.append({"args": [X_train[:80], X_test[:15]]})
    return cases
