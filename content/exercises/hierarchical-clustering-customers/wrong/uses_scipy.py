import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.metrics import silhouette_score

K_RANGE = range(2, 9)


def standardize(X):
    X = np.asarray(X, dtype=float)
    return (X - X.mean(axis=0)) / X.std(axis=0)


def ward_linkage(X):
    return linkage(X, method="ward")


def cluster_labels(Z, k):
    return fcluster(Z, k, criterion="maxclust") - 1


def silhouette(X, labels):
    return float(silhouette_score(X, labels))


def silhouette_by_k(X):
    Xs = standardize(X)
    Z = ward_linkage(Xs)
    return np.array([silhouette(Xs, cluster_labels(Z, k)) for k in K_RANGE])


def segment_customers(X):
    Xs = standardize(X)
    Z = ward_linkage(Xs)
    scores = [silhouette(Xs, cluster_labels(Z, k)) for k in K_RANGE]
    return cluster_labels(Z, K_RANGE[int(np.argmax(scores))])
