import numpy as np
from sklearn.ensemble import IsolationForest

MAD_TO_SD = 1.4826  # for normal data, 1.4826 × MAD estimates the standard deviation
TRAIN_ANOMALY_SHARE = 0.05  # the audit's estimate for the training rows


def robust_z(X_train, X_test):
    """Each test value's distance from the training column's median, in units of
    1.4826 × the training column's median absolute deviation."""
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    median = np.median(X_train, axis=0)
    mad = np.median(np.abs(X_train - median), axis=0)
    return (X_test - median) / (MAD_TO_SD * mad)


def zscore_scores(X_train, X_test):
    """One anomaly score per test row: its largest absolute robust z-score over the columns."""
    return np.abs(robust_z(X_train, X_test)).max(axis=1)


def iforest_scores(X_train, X_test):
    """Isolation-forest anomaly scores of the test rows: higher means more anomalous."""
    forest = IsolationForest(contamination=TRAIN_ANOMALY_SHARE).fit(X_train)
    return forest.score_samples(X_test)  # scikit-learn's score: higher is more normal


def iforest_flags(X_train, X_test):
    """1 for the test rows the forest calls anomalies, 0 for the others."""
    forest = IsolationForest(contamination=TRAIN_ANOMALY_SHARE).fit(X_train)
    return (forest.predict(X_test) == -1).astype(int)  # predict() says -1 for an anomaly
