"""Writes data/ (shipped) and hidden/ (judge only) for svm-kernel-choice.

Run: python generate.py /path/to/site-packages   (where `pip install dmba` put the dmba package)

Real data: Universal Bank's customers from the dmba package (*Data Mining for Business
Analytics*): did a customer accept the personal loan offered in the last campaign (about 10%
did)? ID and ZIP code are dropped, leaving 11 columns (`data/columns.txt`). A fixed-seed sample
of 1,500 customers for training and 1,000 held out, both stratified.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260417


def main(site: Path, here: Path = Path(__file__).parent):
    table = pd.read_csv(site / "dmba/csvFiles/UniversalBank.csv.gz")
    y = table.pop("Personal Loan").to_numpy(dtype=np.int64)
    features = table.drop(columns=["ID", "ZIP Code"])
    X = features.to_numpy(dtype=np.float64)
    rng = np.random.default_rng(SEED)
    rows = {c: rng.permutation(np.flatnonzero(y == c)) for c in (0, 1)}
    share = {c: len(rows[c]) / len(y) for c in (0, 1)}
    train = np.concatenate([rows[c][: round(1500 * share[c])] for c in (0, 1)])
    test = np.concatenate(
        [rows[c][round(1500 * share[c]) : round(2500 * share[c])] for c in (0, 1)]
    )
    train, test = rng.permutation(train), rng.permutation(test)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[train])
    np.save(here / "data/y_train.npy", y[train])
    np.save(here / "data/X_test.npy", X[test])
    np.save(here / "hidden/y_test.npy", y[test])
    (here / "data/columns.txt").write_text("\n".join(features.columns) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
