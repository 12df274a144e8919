"""Cases for onnx-export-parity: held-out digits in batches of several sizes. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _check_rows():
    return np.load(HERE / "hidden/X_check.npy")


def batches(rng):
    """InferenceSession.run(None, {"x": X}) on the learner's model.onnx: the export used
    some example batch; these sizes differ from any a learner is likely to pick."""
    X = _check_rows()
    rows = rng.permutation(len(X))
    return [
        {"args": [None, {"x": X[rows[start : start + size]]}]}
        for start, size in ((0, 1), (1, 5), (6, 64), (70, 230))
    ]


def other_model(rng):
    X = _check_rows()
    return [
        {"args": ["data/other_net.onnx", X[:7]]},
        {"args": ["data/other_net.onnx", X[100:300]]},
    ]
