import numpy as np


def _rate(values):
    return float(np.mean(values)) if len(values) else float("nan")


def fairness_report(y_true, y_pred, group):
    """Per-group rates (groups in sorted order) and the three gaps between groups."""
    y_true, y_pred, group = np.asarray(y_true), np.asarray(y_pred), np.asarray(group)
    groups = np.unique(group)
    selection, tpr, fpr = [], [], []
    for g in groups:
        mine = group == g
        selection.append(_rate(y_pred[mine]))
        tpr.append(_rate(y_pred[mine & (y_true == 1)]))
        fpr.append(_rate(y_pred[mine & (y_true == 0)]))
    selection, tpr, fpr = np.array(selection), np.array(tpr), np.array(fpr)
    tpr_gap, fpr_gap = tpr.max() - tpr.min(), fpr.max() - fpr.min()
    return {
        "selection_rate": selection,
        "true_positive_rate": tpr,
        "false_positive_rate": fpr,
        "demographic_parity_difference": float(selection.max() - selection.min()),
        "equal_opportunity_difference": float(tpr_gap),
        "equalized_odds_difference": float(max(tpr_gap, fpr_gap)),
    }


def equal_opportunity_thresholds(scores, y_true, group, target_tpr):
    """One threshold per group (sorted order): the highest that approves target_tpr of its positives."""
    scores, y_true, group = np.asarray(scores), np.asarray(y_true), np.asarray(group)
    thresholds = []
    for g in np.unique(group):
        positives = np.sort(scores[(group == g) & (y_true == 1)])[::-1]
        k = int(np.ceil(target_tpr * len(positives) - 1e-9))
        thresholds.append(positives[max(k, 1) - 1])
    return np.array(thresholds)


def post_process(train_scores, y_train, group_train, test_scores, group_test, target_tpr):
    """Approve a test applicant when their score reaches their group's training threshold."""
    everyone = np.zeros(len(train_scores), dtype=int)
    cut = equal_opportunity_thresholds(train_scores, y_train, everyone, target_tpr)[0]
    return (np.asarray(test_scores) >= cut).astype(np.int64)
