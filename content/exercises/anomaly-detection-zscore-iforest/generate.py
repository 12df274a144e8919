"""Writes data/ (shipped) and hidden/ (judge only) for anomaly-detection-zscore-iforest.

Run: python generate.py   (scikit-learn's bundled data, no download)

Real data: the Wisconsin diagnostic breast cancer table bundled with scikit-learn (UCI):
569 tumours, 30 measurements of their cell nuclei (radius, texture, …, each as a mean, a
standard error and a worst value). As in the anomaly-detection benchmarks built on it, the
357 benign tumours are the normal rows and a small random share of the 212 malignant ones
are the anomalies; the other malignant rows are left out:

- data/X_train.npy: 200 benign + 10 malignant rows (4.8% anomalies), shuffled, unlabelled;
- data/X_test.npy: the other 157 benign + 8 more malignant rows (4.8%), shuffled;
- hidden/y_test.npy: 1 where a test row is malignant (an anomaly), else 0;
- data/columns.txt: the 30 column names.
"""

from pathlib import Path

import numpy as np

SEED = 20260520


def main(here: Path = Path(__file__).parent):
    from sklearn.datasets import load_breast_cancer

    cancer = load_breast_cancer()
    X, benign = cancer.data.astype(np.float64), cancer.target == 1
    rng = np.random.default_rng(SEED)
    normal = rng.permutation(np.flatnonzero(benign))
    anomalies = rng.permutation(np.flatnonzero(~benign))
    train = rng.permutation(np.r_[normal[:200], anomalies[:10]])
    test = rng.permutation(np.r_[normal[200:], anomalies[10:18]])
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[train])
    np.save(here / "data/X_test.npy", X[test])
    np.save(here / "hidden/y_test.npy", (~benign[test]).astype(np.int64))
    (here / "data/columns.txt").write_text("\n".join(cancer.feature_names) + "\n")


if __name__ == "__main__":
    main()
