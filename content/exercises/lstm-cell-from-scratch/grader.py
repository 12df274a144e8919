"""Random LSTM weights and inputs (float64) for lstm-cell-from-scratch. Worker only."""

import numpy as np


def _weights(rng, n_in, hidden):
    scale = 1 / np.sqrt(hidden)
    return [
        rng.uniform(-scale, scale, shape)
        for shape in [(4 * hidden, n_in), (4 * hidden, hidden), (4 * hidden,), (4 * hidden,)]
    ]


def single_steps(rng):
    cases = []
    for batch, n_in, hidden in [(1, 3, 2), (4, 5, 3), (2, 1, 6)]:
        state = [rng.normal(size=(batch, n)) for n in (n_in, hidden, hidden)]
        cases.append({"args": [*state, *_weights(rng, n_in, hidden)]})
    return cases


def sequences(rng):
    cases = []
    for steps, batch, n_in, hidden in [(5, 2, 3, 4), (1, 3, 2, 2), (12, 1, 4, 3)]:
        xs = rng.normal(size=(steps, batch, n_in))
        h0, c0 = rng.normal(size=(batch, hidden)), rng.normal(size=(batch, hidden))
        cases.append({"args": [xs, h0, c0, *_weights(rng, n_in, hidden)]})
    return cases
