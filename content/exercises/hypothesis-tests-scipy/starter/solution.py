import numpy as np
from scipy.stats import chi2, t


def mean_ci(x, confidence=0.95):
    """(low, high): the t confidence interval for the mean of x."""
    return float(np.mean(x)), float(np.mean(x))  # TODO


def welch_t_test(a, b):
    """(t statistic, two-sided p-value) of Welch's test: means of a and b, unequal variances."""
    return 0.0, 1.0  # TODO


def paired_t_test(a, b):
    """(t statistic, two-sided p-value) of the paired test of a − b."""
    return 0.0, 1.0  # TODO


def chi2_independence(table):
    """(statistic, p-value, degrees of freedom, expected counts), no continuity correction."""
    table = np.asarray(table, dtype=float)
    return 0.0, 1.0, 0, table  # TODO
