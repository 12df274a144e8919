import numpy as np
from sklearn.model_selection import StratifiedKFold


def stratified_folds(y, k, seed):
    folds = np.empty(len(y), dtype=np.int64)
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    for i, (_, test) in enumerate(splitter.split(np.zeros(len(y)), y)):
        folds[test] = i
    return folds
