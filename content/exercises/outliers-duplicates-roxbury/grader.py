"""Probe cases for outliers-duplicates-roxbury: columns and rows of the real table. Worker only."""

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _table():
    with open(HERE / "data/west_roxbury.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    names = [n.strip() for n in rows[0]]
    numbers = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])  # REMODEL is text
    return names, numbers


def row_sets(rng):
    _, numbers = _table()
    repeated = [1139, 1178, 3886, 3894, 5224, 5227]  # the table's own repeated houses
    others = rng.choice(np.setdiff1d(np.arange(len(numbers)), repeated), 300, replace=False)
    first = rng.permutation(np.concatenate([repeated, others]))
    again = rng.choice(len(numbers), 40, replace=False)  # some houses listed two or three times
    second = rng.permutation(np.concatenate([again, again[:25], again[:10], others[:60]]))
    return [
        {"args": [numbers[first]]},
        {"args": [numbers[second][:, [0, 2, 3, 5]]]},
        {"args": [numbers[:50]]},
    ]


def columns(rng):
    names, numbers = _table()
    cases = []
    for name, k in [("TOTAL VALUE", 1.5), ("LOT SQFT", 1.5), ("LIVING AREA", 3.0), ("TAX", 2.0)]:
        x = numbers[:, names.index(name)]
        rows = rng.choice(len(x), 800, replace=False)
        cases.append({"args": [x[rows]], "kwargs": {"k": k}})
    return cases


def columns_for_z(rng):
    return [
        {"args": c["args"], "kwargs": {"threshold": t}}
        for c, t in zip(columns(rng), [3.5, 3.5, 3.0, 5.0], strict=True)
    ]
