import numpy as np


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    return float(1.0 - p @ p)


def best_split(X, y):
    n = len(y)
    classes, codes = np.unique(y, return_inverse=True)
    parent = gini(y)
    best = (None, None, 0.0)
    for f in range(X.shape[1]):
        order = np.argsort(X[:, f], kind="stable")
        x = X[order, f]
        onehot = np.eye(len(classes))[codes[order]]
        left_counts = np.cumsum(onehot, axis=0)[:-1]  # row i: the first i + 1 sorted samples
        right_counts = left_counts[-1] + onehot[-1] - left_counts
        n_left = np.arange(1, n)
        child = (
            n_left
            - (left_counts**2).sum(axis=1) / n_left
            + (n - n_left)
            - (right_counts**2).sum(axis=1) / (n - n_left)
        ) / n
        valid = x[1:] > x[:-1]  # only between distinct values
        if not valid.any():
            continue
        gains = np.where(valid, parent - child, -np.inf)
        i = int(gains.argmax())
        if gains[i] > best[2] + 1e-12:
            best = (f, float((x[i] + x[i + 1]) / 2), float(gains[i]))
    return best


def _grow(X, y, depth, max_depth, min_samples):
    classes, counts = np.unique(y, return_counts=True)
    leaf = {"label": int(classes[counts.argmax()])}
    if depth == max_depth or len(y) < min_samples or len(classes) == 1:
        return leaf
    f, t, gain = best_split(X, y)
    if f is None:
        return leaf
    left = X[:, f] <= t
    return {
        "feature": f,
        "threshold": t,
        "left": _grow(X[left], y[left], depth + 1, max_depth, min_samples),
        "right": _grow(X[~left], y[~left], depth + 1, max_depth, min_samples),
    }


def _predict_one(node, x):
    while "label" not in node:
        node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
    return node["label"]


def fit_predict(X_train, y_train, X_test, max_depth=4):
    tree = _grow(X_train, y_train, 0, max_depth, min_samples=2)
    return np.array([_predict_one(tree, x) for x in X_test])
