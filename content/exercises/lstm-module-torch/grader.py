"""Random torch.nn.LSTM weights, inputs and upstream gradients (float64). Worker only."""

import numpy as np


def _case(rng, steps, batch, n_in, hidden):
    scale = 1 / np.sqrt(hidden)
    shapes = {
        "weight_ih_l0": (4 * hidden, n_in),
        "weight_hh_l0": (4 * hidden, hidden),
        "bias_ih_l0": (4 * hidden,),
        "bias_hh_l0": (4 * hidden,),
    }
    weights = {name: rng.uniform(-scale, scale, shape) for name, shape in shapes.items()}
    xs = rng.normal(size=(steps, batch, n_in))
    h0, c0 = rng.normal(size=(1, batch, hidden)), rng.normal(size=(1, batch, hidden))
    upstream = rng.normal(size=(steps, batch, hidden))
    return {"args": [weights, xs, h0, c0, upstream]}


def sequences(rng):
    return [_case(rng, *dims) for dims in [(1, 2, 3, 2), (6, 3, 4, 5), (15, 2, 2, 3)]]


def sizes(rng):
    return [{"args": [3, 5]}, {"args": [1, 8]}]
