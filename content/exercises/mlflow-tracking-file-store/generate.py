"""Writes data/ and hidden/ for mlflow-tracking-file-store (data/mlflow_readback.py is
hand-written: the grader's reader). Run at authoring time:  python generate.py

The data are scikit-learn's bundled Wisconsin diagnostic breast cancer table (569 tumours,
30 measurements of their cell nuclei, 212 malignant = 0 and 357 benign = 1), shuffled with a
fixed seed and split in three: 341 training rows, 114 validation rows (both shipped) and
114 test rows whose inputs reach the container only as the grader's arguments and whose
labels never do.
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_breast_cancer


def main():
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    X, y = load_breast_cancer(return_X_y=True)
    order = np.random.default_rng(11).permutation(len(y))
    X, y = X[order], y[order].astype(np.int64)
    parts = {"train": slice(0, 341), "val": slice(341, 455), "test": slice(455, None)}
    for name, rows in parts.items():
        folder = "hidden" if name == "test" else "data"
        np.save(here / folder / f"X_{name}.npy", X[rows])
        np.save(here / folder / f"y_{name}.npy", y[rows])


if __name__ == "__main__":
    main()
