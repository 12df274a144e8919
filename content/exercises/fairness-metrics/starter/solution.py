import numpy as np


def fairness_report(y_true, y_pred, group):
    """Per-group rates (groups in sorted order) and the three gaps between groups."""
    groups = np.unique(group)
    zeros = np.zeros(len(groups))
    return {  # TODO: compute each rate per group, then the gaps
        "selection_rate": zeros,
        "true_positive_rate": zeros,
        "false_positive_rate": zeros,
        "demographic_parity_difference": 0.0,
        "equal_opportunity_difference": 0.0,
        "equalized_odds_difference": 0.0,
    }


def equal_opportunity_thresholds(scores, y_true, group, target_tpr):
    """One threshold per group (sorted order): the highest that approves target_tpr of its positives."""
    return np.full(len(np.unique(group)), 0.5)  # TODO


def post_process(train_scores, y_train, group_train, test_scores, group_test, target_tpr):
    """0/1 decisions for the test applicants, with a threshold per group."""
    return (np.asarray(test_scores) >= 0.5).astype(np.int64)  # TODO: per-group thresholds
