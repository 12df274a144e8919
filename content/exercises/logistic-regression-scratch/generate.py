"""Writes data/ (shipped) and hidden/ (judge only) for logistic-regression-scratch. Run: python generate.py

Real data: the Wisconsin diagnostic breast cancer set bundled with scikit-learn (569 tumours,
30 measurements from digitised images of fine-needle aspirates; 1 = benign, 0 = malignant),
split once with a fixed seed into 400 training and 169 held-out rows.
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_breast_cancer

SEED = 20260413


def main(here: Path = Path(__file__).parent):
    X, y = load_breast_cancer(return_X_y=True)
    order = np.random.default_rng(SEED).permutation(len(y))
    X, y = X[order], y[order].astype(np.int64)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[:400])
    np.save(here / "data/y_train.npy", y[:400])
    np.save(here / "data/X_test.npy", X[400:])
    np.save(here / "hidden/y_test.npy", y[400:])


if __name__ == "__main__":
    main()
