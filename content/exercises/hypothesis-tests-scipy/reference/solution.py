import numpy as np
from scipy.stats import chi2, t


def mean_ci(x, confidence=0.95):
    n = len(x)
    half = t.ppf((1 + confidence) / 2, n - 1) * np.std(x, ddof=1) / np.sqrt(n)
    return float(np.mean(x) - half), float(np.mean(x) + half)


def welch_t_test(a, b):
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    statistic = (np.mean(a) - np.mean(b)) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))  # Welch–Satterthwaite
    return float(statistic), float(2 * t.sf(abs(statistic), df))


def paired_t_test(a, b):
    d = np.asarray(a) - np.asarray(b)
    statistic = np.mean(d) / (np.std(d, ddof=1) / np.sqrt(len(d)))
    return float(statistic), float(2 * t.sf(abs(statistic), len(d) - 1))


def chi2_independence(table):
    table = np.asarray(table, dtype=float)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    statistic = ((table - expected) ** 2 / expected).sum()
    dof = (table.shape[0] - 1) * (table.shape[1] - 1)
    return float(statistic), float(chi2.sf(statistic, dof)), int(dof), expected
