"""Ridge problems where the best alpha is neither the smallest nor the largest. Worker only."""

import numpy as np


def ridge_problems(rng):
    cases = []
    for n, d, k in [(60, 20, 5), (80, 30, 4), (45, 12, 3)]:
        X = rng.normal(size=(n, d))
        y = X @ (rng.normal(size=d) * (rng.random(d) < 0.3)) + rng.normal(scale=2.0, size=n)
        cases.append({"args": [X, y, np.array([0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]), k]})
    return cases
