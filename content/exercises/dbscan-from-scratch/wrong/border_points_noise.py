import numpy as np


def neighbourhoods(X, eps):
    """n × n booleans: True where two points lie within eps of each other (each point is in
    its own neighbourhood)."""
    X = np.asarray(X, dtype=float)
    squared = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    return squared <= eps**2


def core_points(X, eps, min_samples):
    """True for every point with at least min_samples points within eps, itself included."""
    return neighbourhoods(X, eps).sum(axis=1) >= min_samples


def dbscan(X, eps, min_samples):
    """Cluster labels 0, 1, ... per point; -1 for noise."""
    near = neighbourhoods(X, eps)
    core = near.sum(axis=1) >= min_samples
    labels = np.full(len(near), -1)
    cluster = 0
    for start in range(len(near)):
        if not core[start] or labels[start] != -1:
            continue
        labels[start] = cluster
        stack = [start]
        while stack:
            point = stack.pop()  # always a core point: only core points spread the cluster
            for other in np.flatnonzero(near[point]):
                if labels[other] == -1 and core[other]:
                    labels[other] = cluster
                    stack.append(other)
        cluster += 1
    return labels
