import numpy as np


def stratified_folds(y, k, seed):
    """A fold number (0..k-1) per row, each class dealt evenly over the folds."""
    rng = np.random.default_rng(seed)
    folds = np.empty(len(y), dtype=np.int64)
    position = 0  # where the previous class stopped dealing, so leftovers go round the folds
    for c in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == c))
        folds[rows] = (position + np.arange(len(rows))) % k
        position += len(rows)
    return folds
