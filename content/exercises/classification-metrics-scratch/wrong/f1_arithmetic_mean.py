import numpy as np


def confusion(y_true, y_pred):
    """[[TN, FP], [FN, TP]]: rows are the true class, columns the predicted class."""
    matrix = np.zeros((2, 2), dtype=np.int64)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def precision_recall_f1(y_true, y_pred):
    (tn, fp), (fn, tp) = confusion(y_true, y_pred)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = (precision + recall) / 2  # the arithmetic mean, not the harmonic
    return float(precision), float(recall), float(f1)


def roc_points(y_true, scores):
    """One point per distinct score, from the highest threshold down, after a first (0, 0)."""
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], y_true[order]
    last_of_each = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tp = np.cumsum(y)[last_of_each]
    fp = (last_of_each + 1) - tp
    return np.r_[0, fp] / fp[-1], np.r_[0, tp] / tp[-1]


def roc_auc(y_true, scores):
    fpr, tpr = roc_points(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))  # trapezoids: ties count half


def log_loss(y_true, p):
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
