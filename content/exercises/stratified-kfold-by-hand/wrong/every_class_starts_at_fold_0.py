import numpy as np


def stratified_folds(y, k, seed):
    # each class dealt round the folds from fold 0: every class's leftovers pile up in the
    # first folds, so the first folds grow larger than the last
    rng = np.random.default_rng(seed)
    folds = np.empty(len(y), dtype=np.int64)
    for c in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == c))
        folds[rows] = np.arange(len(rows)) % k
    return folds
