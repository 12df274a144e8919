"""data/ and hidden/ for keras-sequential-functional, from scikit-learn's bundled digits
(`sklearn.datasets.load_digits`: 1797 real 8×8 handwritten digits, pixel values 0–16).

A seeded, stratified split: 1200 training images with their labels (data/X_train.npy,
data/y_train.npy) and 597 test images (data/X_test.npy) whose labels stay in hidden/y_test.npy.
Each image is a row of 64 pixels (float32, 0–16, not rescaled).

Run: python generate.py   (needs scikit-learn; the default sandbox image has it)
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent
SEED = 20261201


def main():
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X.astype(np.float32), y.astype(np.int64), train_size=1200, stratify=y, random_state=SEED
    )
    (HERE / "data").mkdir(exist_ok=True)
    (HERE / "hidden").mkdir(exist_ok=True)
    np.save(HERE / "data" / "X_train.npy", X_train)
    np.save(HERE / "data" / "y_train.npy", y_train)
    np.save(HERE / "data" / "X_test.npy", X_test)
    np.save(HERE / "hidden" / "y_test.npy", y_test)


if __name__ == "__main__":
    main()
