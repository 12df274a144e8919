import numpy as np
from sklearn.cluster import KMeans


def standardize(X):
    """Each column with mean 0 and standard deviation 1."""
    return X  # TODO


def segment_customers(X):
    """One of 4 cluster labels per customer (row of X)."""
    return np.zeros(len(X), dtype=int)  # TODO
