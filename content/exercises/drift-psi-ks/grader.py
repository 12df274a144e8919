"""Cases for drift-psi-ks: real diamond columns, the shipped batch and two hidden ones. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
COLUMNS = ["carat", "depth", "table", "price", "x"]


def _load(relative):
    return np.load(HERE / relative)


def _column(table, name):
    return np.ascontiguousarray(table[:, COLUMNS.index(name)])


def reference_columns(rng):
    reference = _load("data/reference.npy")
    return [
        {"args": [_column(reference, "carat")]},
        {"args": [_column(reference, "price")], "kwargs": {"bins": 4}},
        {"args": [_column(reference, "table")]},  # ties: some edges repeat
        {"args": [rng.normal(size=200)], "kwargs": {"bins": 7}},
    ]


def column_pairs(rng):
    reference, current = _load("data/reference.npy"), _load("data/current.npy")
    depth = _load("hidden/current_depth.npy")
    cases = [{"args": [_column(reference, c), _column(current, c)]} for c in COLUMNS]
    cases += [
        {"args": [_column(reference, "depth"), _column(depth, "depth")]},
        {"args": [_column(reference, "price"), _column(current, "price")], "kwargs": {"bins": 5}},
        {  # every current value beyond the reference's largest: nine empty bins
            "args": [_column(reference, "carat"), _column(current, "carat") + 6.0],
            "kwargs": {"eps": 1e-3},
        },
        {"args": [rng.normal(size=400), rng.normal(0.5, 1.0, size=300)], "kwargs": {"bins": 20}},
    ]
    return cases


def sample_pairs(rng):
    reference, current = _load("data/reference.npy"), _load("data/current.npy")
    cases = [{"args": [_column(reference, c), _column(current, c)]} for c in COLUMNS]
    cases += [  # the same pairs the other way round: now the other side's gap is the larger
        {"args": [_column(current, "carat"), _column(reference, "carat")]},
        {"args": [_column(current, "table"), _column(reference, "table")]},
        {"args": [rng.integers(0, 5, size=30).astype(float), rng.integers(1, 6, size=25) * 1.0]},
        {"args": [rng.normal(size=50), rng.normal(0.3, 2.0, size=80)]},
    ]
    return cases


def batches(rng):
    reference = _load("data/reference.npy")
    return [
        {"args": [reference, _load(relative)], "kwargs": {"columns": COLUMNS}}
        for relative in ("data/current.npy", "hidden/current_depth.npy", "hidden/current_same.npy")
    ]
