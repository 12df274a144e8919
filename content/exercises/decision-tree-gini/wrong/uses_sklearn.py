import numpy as np
from sklearn.tree import DecisionTreeClassifier


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    return float(1.0 - p @ p)
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


def fit_predict(X_train, y_train, X_test, max_depth=4):
    return DecisionTreeClassifier(max_depth=max_depth).fit(X_train, y_train).predict(X_test)
