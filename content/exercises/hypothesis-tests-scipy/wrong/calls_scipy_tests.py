import numpy as np
from scipy import stats


def mean_ci(x, confidence=0.95):
    low, high = stats.t.interval(confidence, len(x) - 1, loc=np.mean(x), scale=stats.sem(x))
    return float(low), float(high)


def welch_t_test(a, b):
    result = stats.ttest_ind(a, b, equal_var=False)
    return float(result.statistic), float(result.pvalue)


def paired_t_test(a, b):
    result = stats.ttest_rel(a, b)
    return float(result.statistic), float(result.pvalue)


def chi2_independence(table):
    result = stats.chi2_contingency(table, correction=False)
    return float(result.statistic), float(result.pvalue), int(result.dof), result.expected_freq
