import numpy as np


def covariance(X):
    """The (d, d) sample covariance of X (rows are samples)."""
    d = X.shape[1]
    return np.eye(d)  # TODO


def top_eigenvectors(X, k):
    """(values, vectors): the k largest eigenvalues, descending, and unit eigenvectors as columns."""
    d = X.shape[1]
    return np.zeros(k), np.zeros((d, k))  # TODO


def plot_principal_axes(X, path):
    """Save a figure at `path` showing X and its two principal axes (see the statement)."""
    raise NotImplementedError  # TODO
