"""Writes data/ (shipped) and hidden/ (judge only) for the digits exercises. Run: python generate.py

The 8×8 digits that ship with scikit-learn (1797 images, no download): the offline stand-in
for MNIST. Pixels are integers 0–16, stored as uint8.
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

SEED = 20260402


def main(here: Path = Path(__file__).parent):
    digits = load_digits()
    order = np.random.default_rng(SEED).permutation(len(digits.target))
    X, y = digits.data[order].astype(np.uint8), digits.target[order].astype(np.int64)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[:1437])
    np.save(here / "data/y_train.npy", y[:1437])
    np.save(here / "data/X_test.npy", X[1437:])
    np.save(here / "hidden/y_test.npy", y[1437:])


if __name__ == "__main__":
    main()
