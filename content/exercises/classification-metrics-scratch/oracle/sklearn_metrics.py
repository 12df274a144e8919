"""The expected values: scikit-learn's own metrics (reference run only, never the learner's)."""

from sklearn import metrics


def confusion(y_true, y_pred):
    return metrics.confusion_matrix(y_true, y_pred, labels=[0, 1])


def precision_recall_f1(y_true, y_pred):
    return (
        float(metrics.precision_score(y_true, y_pred, zero_division=0)),
        float(metrics.recall_score(y_true, y_pred, zero_division=0)),
        float(metrics.f1_score(y_true, y_pred, zero_division=0)),
    )


def roc_points(y_true, scores):
    fpr, tpr, _ = metrics.roc_curve(y_true, scores, drop_intermediate=False)
    return fpr, tpr


def roc_auc(y_true, scores):
    return float(metrics.roc_auc_score(y_true, scores))


def log_loss(y_true, p):
    return float(metrics.log_loss(y_true, p))
