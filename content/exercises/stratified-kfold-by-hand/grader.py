"""Cases and the property check for stratified-kfold-by-hand. Worker only (trusted).

Any correct stratified split passes: the check asks for StratifiedKFold's properties (every
row in exactly one test fold, each class spread over the folds as evenly as its count allows,
fold sizes within one of each other), never for its exact folds.
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def label_sets(rng):
    wine = np.load(HERE / "data/wine_y.npy")
    cancer = np.load(HERE / "data/cancer_y.npy")
    caravan = np.load(HERE / "data/caravan_y.npy")
    rare = rng.permutation(np.r_[np.zeros(40, np.int64), np.ones(3, np.int64), np.full(9, 2)])
    return [
        {"args": [wine, 5, 0]},
        {"args": [cancer, 10, 1]},
        {"args": [caravan, 10, 2]},
        {"args": [rare, 5, 3]},  # a class of 3 rows cannot reach all 5 folds
        {"args": [rng.permutation(wine), 3, 4]},
    ]


def stratified(value, y, k, seed):
    """None when `value` (a fold number per row) is a stratified k-fold split of y, else why."""
    folds = np.asarray(value)
    if folds.shape != y.shape:
        return (
            f"returned an array of shape {folds.shape}; expected one fold number per row, {y.shape}"
        )
    if folds.dtype.kind not in "iu":
        return f"returned {folds.dtype} values; expected whole fold numbers 0 to {k - 1}"
    if folds.min() < 0 or folds.max() >= k:
        return f"returned fold numbers from {folds.min()} to {folds.max()}; expected 0 to {k - 1}"
    sizes = np.bincount(folds, minlength=k)
    for c in np.unique(y):
        counts = np.bincount(folds[y == c], minlength=k)
        n = int((y == c).sum())
        low, high = n // k, -(-n // k)
        if counts.min() < low or counts.max() > high:
            return (
                f"put class {c} ({n} rows) into the {k} folds as {counts.tolist()}; a stratified "
                f"split gives every fold {low} or {high} of them"
            )
    if sizes.max() - sizes.min() > 1:
        return (
            f"made folds of sizes {sizes.tolist()}; their sizes may differ by at most one "
            "(deal each class's leftover rows to the smallest folds)"
        )
    return None
