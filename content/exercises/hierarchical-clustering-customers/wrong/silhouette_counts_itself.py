import numpy as np

K_RANGE = range(2, 9)


def standardize(X):
    X = np.asarray(X, dtype=float)
    return (X - X.mean(axis=0)) / X.std(axis=0)


def _distances(X):
    squared = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    return np.sqrt(squared)


def ward_linkage(X):
    """SciPy's linkage matrix for Ward's method: one row [a, b, height, size] per merge."""
    X = np.asarray(X, dtype=float)
    n = len(X)
    D = _distances(X)
    np.fill_diagonal(D, np.inf)
    size = np.ones(n)
    ids = np.arange(n)  # the cluster id that lives in each row of D
    Z = np.empty((n - 1, 4))
    for step in range(n - 1):
        i, j = divmod(int(np.argmin(D)), n)
        d_ij, n_i, n_j = D[i, j], size[i], size[j]
        Z[step] = min(ids[i], ids[j]), max(ids[i], ids[j]), d_ij, n_i + n_j
        # Lance–Williams update for Ward: the merged cluster's distance to every other one
        n_k = size
        merged = np.sqrt(
            ((n_k + n_i) * D[i] ** 2 + (n_k + n_j) * D[j] ** 2 - n_k * d_ij**2)
            / (n_k + n_i + n_j)
        )
        D[i, :] = merged
        D[:, i] = merged
        D[i, i] = np.inf
        D[j, :] = np.inf
        D[:, j] = np.inf
        size[i], ids[i] = n_i + n_j, n + step
    return Z


def cluster_labels(Z, k):
    """Labels 0..k-1 after the first n − k merges of the linkage matrix Z."""
    Z = np.asarray(Z)
    n = len(Z) + 1
    parent = np.arange(2 * n - 1)

    def root(a):
        while parent[a] != a:
            a = parent[a]
        return a

    for step in range(n - k):
        a, b = int(Z[step, 0]), int(Z[step, 1])
        parent[root(a)] = n + step
        parent[root(b)] = n + step
    roots = np.array([root(i) for i in range(n)])
    return np.unique(roots, return_inverse=True)[1]


def silhouette(X, labels):
    """Mean silhouette coefficient (Euclidean), as sklearn.metrics.silhouette_score."""
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels)
    D = _distances(X)
    clusters = np.unique(labels)
    member = labels[:, None] == clusters[None, :]  # n × c
    sums = D @ member  # distance from each point to each cluster, summed
    counts = member.sum(axis=0)
    own = member.argmax(axis=1)
    n_own = counts[own]
    a = sums[np.arange(len(X)), own] / n_own  # mean over the whole own cluster
    means = sums / counts
    means[np.arange(len(X)), own] = np.inf
    b = means.min(axis=1)
    s = (b - a) / np.maximum(a, b)
    s[n_own == 1] = 0.0  # a point alone in its cluster scores 0
    return float(s.mean())


def silhouette_by_k(X):
    """Silhouette of the Ward clustering of the standardized table for k = 2..8."""
    Xs = standardize(X)
    Z = ward_linkage(Xs)
    return np.array([silhouette(Xs, cluster_labels(Z, k)) for k in K_RANGE])


def segment_customers(X):
    """Cut the Ward tree of the standardized table at the k with the highest silhouette."""
    Xs = standardize(X)
    Z = ward_linkage(Xs)
    scores = [silhouette(Xs, cluster_labels(Z, k)) for k in K_RANGE]
    best = K_RANGE[int(np.argmax(scores))]
    return cluster_labels(Z, best)
