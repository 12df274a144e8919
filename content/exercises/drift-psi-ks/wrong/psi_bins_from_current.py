import numpy as np


def quantile_edges(reference, bins=10):
    """The bins - 1 inner edges: the reference's quantiles at 1/bins, 2/bins, ..."""
    return np.quantile(np.asarray(reference, dtype=float), np.arange(1, bins) / bins)


def bin_shares(values, edges):
    """The share of values in each of the len(edges) + 1 bins (edges[i-1] <= v < edges[i])."""
    index = np.searchsorted(edges, np.asarray(values, dtype=float), side="right")
    return np.bincount(index, minlength=len(edges) + 1) / len(values)


def psi(reference, current, bins=10, eps=1e-4):
    edges = quantile_edges(current, bins)  # the newest data decides the bins
    expected = np.clip(bin_shares(reference, edges), eps, None)
    actual = np.clip(bin_shares(current, edges), eps, None)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def ks_statistic(a, b):
    a, b = np.sort(np.asarray(a, dtype=float)), np.sort(np.asarray(b, dtype=float))
    points = np.concatenate([a, b])  # the ECDFs only jump at sample points
    cdf_a = np.searchsorted(a, points, side="right") / len(a)
    cdf_b = np.searchsorted(b, points, side="right") / len(b)
    return float(np.max(np.abs(cdf_a - cdf_b)))


def drift_report(reference, current, columns, bins=10, psi_threshold=0.2, ks_threshold=0.1):
    reference, current = np.asarray(reference, dtype=float), np.asarray(current, dtype=float)
    report = {"psi": {}, "ks": {}, "drifted": []}
    for j, name in enumerate(columns):
        report["psi"][name] = psi(reference[:, j], current[:, j], bins)
        report["ks"][name] = ks_statistic(reference[:, j], current[:, j])
        if report["psi"][name] >= psi_threshold or report["ks"][name] >= ks_threshold:
            report["drifted"].append(name)
    return report
