import numpy as np


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum())  # entropy, not Gini impurity


def best_split(X, y):
    n = len(y)
    parent = gini(y)
    best = (None, None, 0.0)
    for f in range(X.shape[1]):
        values = np.unique(X[:, f])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, f] <= t
            child = left.sum() / n * gini(y[left]) + (n - left.sum()) / n * gini(y[~left])
            if parent - child > best[2]:
                best = (f, float(t), float(parent - child))
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
