import numpy as np


def knn_predict(X_train, y_train, X_query, k):
    """The majority label among the k training points nearest (Euclidean) to each query row."""
    return np.zeros(len(X_query), dtype=int)  # TODO


def classify_wines(X_train, y_train, X_test):
    """A cultivar (0, 1 or 2) for each wine of X_test."""
    return np.zeros(len(X_test), dtype=int)  # TODO
