"""Probe cases for ames-preprocessing-pipeline: slices of the real Ames table. Worker only."""

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
NUMERIC = 10  # the first ten columns of data/train.csv are numeric; then ten categorical


def _read(name):
    with open(HERE / "data" / name, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    body = rows[1:]
    num = np.array([[float(v) if v else np.nan for v in r[:NUMERIC]] for r in body])
    cat = np.array([r[NUMERIC : NUMERIC + 10] for r in body], dtype=str)
    return num, cat


def table_slices(rng):
    train_num, train_cat = _read("train.csv")
    test_num, test_cat = _read("test.csv")
    cases = []
    # 1. a few columns of 60 training and 25 other training rows
    rows = rng.permutation(len(train_num))
    a, b = rows[:60], rows[60:85]
    num_cols, cat_cols = [0, 1, 4], [0, 8]
    cases.append(
        {
            "args": [
                train_num[a][:, num_cols],
                train_cat[a][:, cat_cols],
                train_num[b][:, num_cols],
                train_cat[b][:, cat_cols],
            ]
        }
    )
    # 2. every column, 200 training rows and 80 others
    a, b = rows[100:300], rows[300:380]
    cases.append({"args": [train_num[a], train_cat[a], train_num[b], train_cat[b]]})
    # 3. 250 training rows and 100 test rows, among them every test row with a category
    #    the training file never shows (an elevator) and some with a missing frontage
    unseen = np.flatnonzero(~np.isin(test_cat, train_cat).all(axis=1))
    others = rng.permutation(np.setdiff1d(np.arange(len(test_num)), unseen))
    b = np.sort(np.concatenate([unseen, others[: 100 - len(unseen)]]))
    a = rows[400:650]
    cases.append({"args": [train_num[a], train_cat[a], test_num[b], test_cat[b]]})
    return cases
