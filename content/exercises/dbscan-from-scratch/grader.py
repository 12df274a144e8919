"""Cases and the property check for dbscan-from-scratch. Worker only (trusted).

dbscan() is judged against scikit-learn's DBSCAN in the worker: the same noise points
(exactly the label -1), the same core points grouped the same way (any cluster numbers), and
every border point in a cluster of one of its core neighbours. That last freedom is DBSCAN's
own: a border point within eps of core points of two clusters joins whichever reaches it
first, which depends on the order points are visited, so either is accepted.
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _standardized(name):
    X = np.load(HERE / f"data/{name}.npy")
    return (X - X.mean(axis=0)) / X.std(axis=0)


def _counting_itself():
    # x = 1 has three points within 1.5 (0, 1, 2) only when it counts itself; 10 and 11 are noise.
    return np.array([[0.0, 0], [1, 0], [2, 0], [10, 0], [11, 0]]), 1.5, 3


def _border_goes_no_further():
    # (0, 0) is core (five points within 1.2); (1, 0) is a border point of its cluster with only
    # three; (2, 0) is within reach of that border point alone, so it is noise.
    X = np.array([[0.0, 0], [0, 1], [0, -1], [-1, 0], [1, 0], [2, 0], [3, 0]])
    return X, 1.2, 4


def _exactly_eps():
    # neighbours at a distance of exactly eps count (≤ eps): one cluster of three points.
    return np.array([[0.0, 0], [1, 0], [2, 0], [5, 5]]), 1.0, 2


def _shared_border():
    # (2.8, 0) is a border point of both clusters (1.8 from (1, 0) and from (4.6, 0), both
    # core): either cluster may take it.
    left = np.array([[0.0, 0], [0, 0.5], [0, -0.5], [1, 0], [0.5, 0.5]])
    right = left * [-1, 1] + [5.6, 0]
    return np.vstack([left, [[2.8, 0]], right]), 2.0, 4


def point_sets(rng):
    faithful, wine = _standardized("faithful"), np.load(HERE / "data/wine_pca2.npy")
    blobs = np.vstack([rng.normal(c, 0.3, size=(30, 2)) for c in ([0, 0], [3, 0], [0, 3])])
    blobs = np.vstack([blobs, rng.uniform(-2, 5, size=(15, 2))])
    return [
        {"args": list(_counting_itself())},
        {"args": list(_border_goes_no_further())},
        {"args": list(_exactly_eps())},
        {"args": list(_shared_border())},
        {"args": [faithful, 0.3, 5]},
        {"args": [faithful, 0.25, 8]},
        {"args": [wine, 0.5, 5]},
        {"args": [blobs, 0.4, 4]},
        {"args": [blobs, 0.05, 3]},  # too small an eps: every point is noise
        {"args": [wine, 0.3, 1]},  # min_samples 1: every point is core
    ]


def _core(X, eps, min_samples):
    from sklearn.cluster import DBSCAN

    model = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    core = np.zeros(len(X), dtype=bool)
    core[model.core_sample_indices_] = True
    return core


def _components(near_core):
    """Connected components of the core points' eps-graph: a component id per core point."""
    n = len(near_core)
    comp = np.full(n, -1)
    for start in range(n):
        if comp[start] != -1:
            continue
        comp[start] = start
        stack = [start]
        while stack:
            p = stack.pop()
            for q in np.flatnonzero(near_core[p]):
                if comp[q] == -1:
                    comp[q] = start
                    stack.append(q)
    return comp


def _name(X, i):
    return f"point {i} at ({', '.join(f'{v:.4g}' for v in X[i])})"


def same_as_sklearn(value, X, eps, min_samples):
    """None when `value` labels X as scikit-learn's DBSCAN does (up to cluster numbers and the
    choice of cluster for a border point shared by two), else what is wrong."""
    labels = np.asarray(value)
    if labels.shape != (len(X),):
        return (
            f"returned an array of shape {labels.shape}; expected one label per point, ({len(X)},)"
        )
    if labels.dtype.kind not in "iu":
        return f"returned {labels.dtype} values; expected whole-number labels (-1 for noise)"
    core = _core(X, eps, min_samples)
    squared = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    near = squared <= eps**2
    counts = near.sum(axis=1)
    for i in np.flatnonzero(labels < -1):
        return f"labelled {_name(X, i)} {labels[i]}; labels are -1 (noise) or 0, 1, 2, …"
    for i in np.flatnonzero(core & (labels == -1)):
        return (
            f"labelled {_name(X, i)} noise, but it has {counts[i]} points within eps={eps:g} "
            f"counting itself (min_samples={min_samples}), so it is a core point"
        )
    for i in np.flatnonzero(~core):
        reach = np.flatnonzero(near[i] & core)
        if labels[i] == -1 and len(reach):
            return (
                f"labelled {_name(X, i)} noise, but it lies within eps={eps:g} of the core point "
                f"{reach[0]} ({counts[reach[0]]} points within eps counting itself): it is a "
                "border point and belongs to that point's cluster"
            )
        if labels[i] != -1 and not len(reach):
            return (
                f"put {_name(X, i)} in cluster {labels[i]}, but no core point lies within "
                f"eps={eps:g} of it ({counts[i]} points within eps counting itself, "
                f"min_samples={min_samples}): it is noise (-1). Only core points spread a cluster"
            )
    comp = _components(near & core[:, None] & core[None, :])
    of_component: dict[int, int] = {}
    of_label: dict[int, int] = {}
    for i in np.flatnonzero(core):
        c, lab = int(comp[i]), int(labels[i])
        if of_component.setdefault(c, lab) != lab:
            j = int(np.flatnonzero(core & (comp == c) & (labels == of_component[c]))[0])
            return (
                f"split one cluster: the core points {j} and {i} are joined by a chain of core "
                f"points each within eps={eps:g} of the next, but you labelled them "
                f"{of_component[c]} and {lab}"
            )
        if of_label.setdefault(lab, c) != c:
            j = int(np.flatnonzero(core & (comp == of_label[lab]))[0])
            return (
                f"merged two clusters: the core points {j} and {i} are not joined by a chain of "
                f"core points within eps={eps:g}, but you labelled both {lab}"
            )
    for i in np.flatnonzero(~core & (labels != -1)):
        allowed = {int(labels[j]) for j in np.flatnonzero(near[i] & core)}
        if int(labels[i]) not in allowed:
            return (
                f"put the border point {_name(X, i)} in cluster {labels[i]}; it belongs to the "
                f"cluster of a core point within eps={eps:g} of it ({sorted(allowed)})"
            )
    return None
