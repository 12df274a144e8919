import numpy as np

K_RANGE = range(2, 9)


def standardize(X):
    """Every column at mean 0 and (population) standard deviation 1."""
    return np.asarray(X, dtype=float)  # TODO


def ward_linkage(X):
    """SciPy's linkage matrix for Ward's method: (n − 1) rows [a, b, height, size]."""
    n = len(X)
    return np.zeros((n - 1, 4))  # TODO


def cluster_labels(Z, k):
    """One label in 0..k-1 per point after the first n − k merges of Z."""
    return np.zeros(len(Z) + 1, dtype=int)  # TODO


def silhouette(X, labels):
    """The mean silhouette coefficient of a labelling (Euclidean distances)."""
    return 0.0  # TODO


def silhouette_by_k(X):
    """Silhouette of the Ward clustering of the standardized table, for k = 2, 3, ..., 8."""
    return np.zeros(len(K_RANGE))  # TODO


def segment_customers(X):
    """One segment label per household: the Ward tree cut at the best k by silhouette."""
    return np.zeros(len(X), dtype=int)  # TODO
