"""Probe cases for titanic-survival-pipeline: slices of the real passenger list. Worker only."""

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
TEXT = ("name", "pclass", "sex")


def _read(name):
    with open(HERE / "data" / name, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    columns = {}
    for column in rows[0]:
        values = [r[column] for r in rows]
        if column in TEXT:
            columns[column] = np.array(values, dtype=str)
        elif column == "age":
            columns[column] = np.array([float(v) if v else np.nan for v in values])
        else:
            columns[column] = np.array([int(v) for v in values], dtype=np.int64)
    return columns


def _take(table, rows):
    return {column: values[rows] for column, values in table.items()}


def _cases(rng):
    train, test = _read("train.csv"), _read("test.csv")
    n_train, n_test = len(train["age"]), len(test["age"])
    missing_test = np.flatnonzero(np.isnan(test["age"]))
    order = rng.permutation(n_train)
    cases = []
    # 1. 80 training passengers, 30 other training passengers (without their survival)
    a, b = order[:80], order[80:110]
    other = _take(train, b)
    other.pop("survived")
    cases.append({"args": [_take(train, a), other]})
    # 2. 300 training passengers and 120 test passengers, some of them without an age
    picked = rng.permutation(np.setdiff1d(np.arange(n_test), missing_test))[: 120 - 20]
    b = np.sort(np.concatenate([picked, missing_test[:20]]))
    cases.append({"args": [_take(train, order[200:500]), _take(test, b)]})
    # 3. 250 training passengers and the 60 oldest test passengers plus 20 without an age:
    #    medians over both files together come out older than the training rows' medians
    known = np.flatnonzero(~np.isnan(test["age"]))
    oldest = known[np.argsort(test["age"][known])[-60:]]
    b = np.sort(np.concatenate([oldest, missing_test[20:40]]))
    cases.append({"args": [_take(train, order[500:750]), _take(test, b)]})
    # 4. no second-class woman with a recorded age among the training rows (her class and sex
    #    have no median: the training rows' overall median stands in), and no second class at
    #    all in case 5's training rows while the test rows have some
    rest = order[750:]
    keep = ~((train["pclass"][rest] == "2nd") & (train["sex"][rest] == "female"))
    keep |= (train["pclass"][rest] == "2nd") & np.isnan(train["age"][rest])
    second_women = (test["pclass"] == "2nd") & (test["sex"] == "female")
    b = np.sort(np.concatenate([np.flatnonzero(second_women)[:10], missing_test[40:54]]))
    cases.append({"args": [_take(train, rest[keep]), _take(test, b)]})
    return cases, train, test, order


def age_cases(rng):
    return _cases(rng)[0]


def design_cases(rng):
    cases, train, test, order = _cases(rng)
    a = order[:400]
    a = a[train["pclass"][a] != "2nd"]
    b = np.sort(rng.permutation(len(test["age"]))[:90])
    cases.append({"args": [_take(train, a), _take(test, b)]})
    return cases
