import numpy as np


def quantile_edges(reference, bins=10):
    """The bins - 1 inner bin edges: the reference's quantiles at 1/bins, 2/bins, ..."""
    return np.zeros(bins - 1)  # TODO


def psi(reference, current, bins=10, eps=1e-4):
    """Population stability index of current against reference, with the reference's bins."""
    return 0.0  # TODO


def ks_statistic(a, b):
    """Two-sample Kolmogorov-Smirnov statistic: the largest gap between the two ECDFs."""
    return 0.0  # TODO


def drift_report(reference, current, columns, bins=10, psi_threshold=0.2, ks_threshold=0.1):
    """{"psi": {name: value}, "ks": {name: value}, "drifted": [names]} for every column."""
    return {"psi": {}, "ks": {}, "drifted": []}  # TODO
