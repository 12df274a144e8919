"""Cases and the split judgement for iris-mnist-classical (real Iris and MNIST). Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _iris():
    return np.load(HERE / "data/iris_X.npy"), np.load(HERE / "data/iris_y.npy")


def _digits():
    return np.load(HERE / "data/digits_X_train.npy"), np.load(HERE / "data/digits_y_train.npy")


def _seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def split_cases(rng):
    _, iris = _iris()
    _, digits = _digits()
    return [
        {"args": [iris, 0.3, _seed(rng)]},
        {"args": [iris, 0.2, _seed(rng)]},
        {"args": [digits, 0.25, _seed(rng)]},
        {"args": [digits[:700], 0.1, _seed(rng)]},
    ]


def stratified(value, y, test_fraction, seed):
    """None when `value` is (train rows, test rows) of a stratified split of y, else why."""
    if not isinstance(value, tuple | list) or len(value) != 2:
        return "returned something other than a pair (train_idx, test_idx)"
    train, test = (np.asarray(v) for v in value)
    for name, rows in (("train_idx", train), ("test_idx", test)):
        if rows.ndim != 1 or rows.dtype.kind not in "iu":
            return (
                f"{name} is not a 1-D array of whole row numbers ({rows.dtype}, shape {rows.shape})"
            )
    if len(np.intersect1d(train, test)) or len(train) + len(test) != len(y):
        return "the two parts overlap or miss rows: every row belongs to exactly one part"
    if not np.array_equal(np.sort(np.concatenate([train, test])), np.arange(len(y))):
        return f"the parts are not the row numbers 0 to {len(y) - 1}, each once"
    for c in np.unique(y):
        n = int(np.sum(y == c))
        got = int(np.sum(y[test] == c))
        low, high = int(np.floor(n * test_fraction)), int(np.ceil(n * test_fraction))
        if not low <= got <= high:
            return (
                f"class {c} has {n} rows and {got} of them are in the test part; a stratified "
                f"split with test_fraction={test_fraction} puts {low} or {high} there"
            )
    return None


def _stratified_rows(rng, y, fraction):
    test = np.concatenate(
        [
            rng.permutation(np.flatnonzero(y == c))[: int(round(np.sum(y == c) * fraction))]
            for c in np.unique(y)
        ]
    )
    return np.sort(np.setdiff1d(np.arange(len(y)), test)), np.sort(test)


def evaluate_cases(rng):
    X, y = _iris()
    cases = [{"args": [X, y, *_stratified_rows(rng, y, 0.3), kind]} for kind in ("knn", "logreg")]
    D, d = _digits()
    rows = rng.permutation(len(d))[:1200]
    Dx, dy = D[rows].astype(np.float64), d[rows]
    cases.append({"args": [Dx, dy, *_stratified_rows(rng, dy, 0.25), "knn"]})
    rows = rows[:600]
    Dx, dy = D[rows].astype(np.float64), d[rows]
    cases.append({"args": [Dx, dy, *_stratified_rows(rng, dy, 0.25), "logreg"]})
    return cases
