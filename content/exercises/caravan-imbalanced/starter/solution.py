import numpy as np


def balanced_accuracy(y_true, y_pred):
    """The mean over classes of the share of that class predicted correctly."""
    return float(np.mean(y_true == y_pred))  # TODO: this is plain accuracy


def threshold_for_best_f1(y_true, scores):
    """The score t maximising the F1 of predicting 1 where scores >= t."""
    return 0.5  # TODO


def fit_predict(X_train, y_train, X_test):
    """0 or 1 for each test customer: will they buy caravan insurance?"""
    return np.zeros(len(X_test), dtype=np.int64)  # TODO: 94% accurate and useless
