import numpy as np


def knn_predict(X_train, y_train, X_query, k):
    distances = np.sqrt(((X_query[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    nearest = np.argsort(distances, axis=1)[:, :k]
    return np.array([np.bincount(row).argmax() for row in y_train[nearest]])


def _scale(X):
    # Per wine rather than per feature: each row to mean 0 and standard deviation 1.
    return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)


def classify_wines(X_train, y_train, X_test, k=5):
    return knn_predict(_scale(X_train), y_train, _scale(X_test), k)
