import numpy as np


def covariance(X):
    centered = X - X.mean(axis=0)
    return centered.T @ centered / (len(X) - 1)


def top_eigenvectors(X, k):
    values, vectors = np.linalg.eigh(covariance(X))
    order = np.argsort(values)[::-1][:k]
    values, vectors = values[order], vectors[:, order]
    biggest = np.abs(vectors).argmax(axis=0)
    signs = np.sign(vectors[biggest, np.arange(vectors.shape[1])])
    return values, vectors * signs
