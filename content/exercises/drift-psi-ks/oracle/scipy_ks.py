"""The expected KS statistics: SciPy's own two-sample test (reference run only)."""

from scipy import stats


def ks_statistic(a, b):
    return float(stats.ks_2samp(a, b).statistic)
