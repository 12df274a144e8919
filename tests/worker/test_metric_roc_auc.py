"""The roc_auc metric ranks scores: it rewards probabilities over hard labels (ensembles-auc)."""

import numpy as np

from worker.judge.metrics import METRICS


def test_roc_auc_scores_the_ranking_of_probabilities():
    metric = METRICS["roc_auc"]
    y = np.array([0, 0, 1, 1, 0, 1])
    p = np.array([0.1, 0.4, 0.35, 0.8, 0.2, 0.9])
    assert metric.higher_is_better and metric.needs_labels
    assert abs(metric.score(y, p, None) - 8 / 9) < 1e-12
    # Rounding the same scores to labels throws the ranking away and scores lower.
    assert metric.score(y, (p >= 0.5).astype(float), None) < metric.score(y, p, None)
    # Scores of the wrong class rank the classes backwards.
    assert abs(metric.score(y, 1 - p, None) - 1 / 9) < 1e-12
