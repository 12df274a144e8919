"""Writes data/ (shipped) and hidden/ (judge only) for ensembles-auc.

Run: python generate.py /path/to/site-packages   (where `pip install dmba` put the dmba package)

Real data: the German credit table that ships in the dmba package (Shmueli et al., *Data Mining
for Business Analytics*): 1,000 past loan applicants, 30 numeric and 0/1 columns, and whether
the loan went bad (30%). Split once with a fixed seed, stratified, into 700 training and 300
held-out applicants. `columns.txt` names the features.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260416


def main(site: Path, here: Path = Path(__file__).parent):
    table = pd.read_csv(site / "dmba/csvFiles/GermanCredit.csv.gz")
    y = (table.pop("RESPONSE") == 0).astype(np.int64).to_numpy()  # 1 = the loan went bad
    X = table.drop(columns=["OBS#"]).to_numpy(dtype=np.float64)
    rng = np.random.default_rng(SEED)
    test = np.concatenate(
        [rng.choice(np.flatnonzero(y == c), n, replace=False) for c, n in [(0, 210), (1, 90)]]
    )
    train = rng.permutation(np.setdiff1d(np.arange(len(y)), test))
    test = rng.permutation(test)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[train])
    np.save(here / "data/y_train.npy", y[train])
    np.save(here / "data/X_test.npy", X[test])
    np.save(here / "hidden/y_test.npy", y[test])
    (here / "data/columns.txt").write_text("\n".join(table.columns.drop("OBS#")) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
