"""Cases for hypothesis-tests-scipy: real samples and real contingency tables. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _load(name):
    return np.load(HERE / "data" / f"{name}.npy")


def _tooth(supp, dose=None):
    doses = (0.5, 1.0, 2.0) if dose is None else (dose,)
    return np.concatenate([_load(f"tooth_{supp}_{d}") for d in doses])


def samples(rng):
    difference = _load("sleep_drug2") - _load("sleep_drug1")
    return [
        {"args": [difference], "kwargs": {"confidence": 0.95}},
        {"args": [_load("precip")], "kwargs": {"confidence": 0.99}},
        {"args": [_tooth("OJ", 0.5)], "kwargs": {"confidence": 0.9}},
    ]


def two_groups(rng):
    return [
        {"args": [_tooth("OJ"), _tooth("VC")]},
        {"args": [_tooth("OJ", 0.5), _tooth("VC", 0.5)]},
        {"args": [_tooth("VC", 2.0), _tooth("VC", 0.5)]},
        {"args": [_tooth("OJ", 2.0), _tooth("VC", 2.0)]},
    ]


def pairs(rng):
    return [
        {"args": [_load("sleep_drug2"), _load("sleep_drug1")]},
        {"args": [_load("sleep_drug1")[:7], _load("sleep_drug2")[:7]]},
    ]


def tables(rng):
    return [
        {"args": [_load("titanic_class_survived")]},
        {"args": [_load("hair_eye")]},
        {"args": [_load("ucb_gender_admit")]},
    ]
