"""The expected value: scikit-learn's balanced accuracy (reference run only)."""

from sklearn.metrics import balanced_accuracy_score


def balanced_accuracy(y_true, y_pred):
    return float(balanced_accuracy_score(y_true, y_pred))
