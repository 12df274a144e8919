"""Writes data/ (shipped) and hidden/ (judge only) for knn-wine. Run: python generate.py

Real data: the UCI wine recognition set bundled with scikit-learn (178 wines from three
cultivars grown in one Italian region, 13 chemical measurements each), split once with a fixed
seed, stratified by cultivar, into 118 training and 60 held-out wines.
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_wine

SEED = 20260414


def main(here: Path = Path(__file__).parent):
    X, y = load_wine(return_X_y=True)
    rng = np.random.default_rng(SEED)
    test = np.concatenate(
        [
            rng.choice(np.flatnonzero(y == c), n, replace=False)
            for c, n in [(0, 20), (1, 24), (2, 16)]
        ]
    )
    train = np.setdiff1d(np.arange(len(y)), test)
    train, test = rng.permutation(train), rng.permutation(test)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[train])
    np.save(here / "data/y_train.npy", y[train].astype(np.int64))
    np.save(here / "data/X_test.npy", X[test])
    np.save(here / "hidden/y_test.npy", y[test].astype(np.int64))


if __name__ == "__main__":
    main()
