"""Basket cases for apriori-baskets, from the real baskets in data/. Runs in the worker only.

Thresholds sit between two possible counts (for example 99.5 baskets of 1,000), so no itemset or
rule lands exactly on a threshold, where floating-point rounding could decide it.
"""

from pathlib import Path

HERE = Path(__file__).parent


def _read(name):
    lines = (HERE / f"data/{name}.txt").read_text(encoding="utf-8").split("\n")[:-1]
    return [[item for item in line.split(",") if item] for line in lines]


def _small():
    return [
        ["bread", "milk"],
        ["bread", "butter"],
        ["bread", "milk", "butter"],
        ["milk"],
        ["bread", "milk", "jam"],
        [],
    ]


def itemset_cases(rng):
    cosmetics, courses = _read("cosmetics"), _read("courses")
    return [
        {"args": [_small(), 0.3]},
        {"args": [cosmetics, 0.1995]},
        {"args": [cosmetics[:400], 0.0995]},
        {"args": [courses, 0.0495]},
    ]


def rule_cases(rng):
    cosmetics, courses = _read("cosmetics"), _read("courses")
    return [
        {"args": [_small(), 0.3, 0.55]},
        {"args": [cosmetics, 0.0995, 0.7005]},
        {"args": [courses, 0.0495, 0.3005]},
        {"args": [cosmetics[:400], 0.1495, 0.4005]},
    ]
