"""Metrics for train-and-predict checks, computed in the worker against labels the container never saw.

Each metric says whether higher is better, so a threshold reads as a floor or a ceiling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn import metrics as skm


@dataclass(frozen=True)
class Metric:
    name: str
    higher_is_better: bool
    needs_labels: bool
    score: Callable[[np.ndarray | None, np.ndarray, np.ndarray | None], float]


def _rmse(y, p, _x):
    return float(np.sqrt(np.mean((np.asarray(y, float) - np.asarray(p, float)) ** 2)))


METRICS: dict[str, Metric] = {
    "accuracy": Metric("accuracy", True, True, lambda y, p, _x: float(skm.accuracy_score(y, p))),
    "f1_macro": Metric(
        "F1 (macro)", True, True, lambda y, p, _x: float(skm.f1_score(y, p, average="macro"))
    ),
    "mcc": Metric("MCC", True, True, lambda y, p, _x: float(skm.matthews_corrcoef(y, p))),
    "rmse": Metric("RMSE", False, True, _rmse),
    "mae": Metric("MAE", False, True, lambda y, p, _x: float(skm.mean_absolute_error(y, p))),
    "r2": Metric("R²", True, True, lambda y, p, _x: float(skm.r2_score(y, p))),
    # Scores, not labels: the probability (or any score) of class 1 per row, ranked.
    "roc_auc": Metric("ROC AUC", True, True, lambda y, p, _x: float(skm.roc_auc_score(y, p))),
    "adjusted_rand": Metric(
        "adjusted Rand index", True, True, lambda y, p, _x: float(skm.adjusted_rand_score(y, p))
    ),
    "silhouette": Metric(
        "silhouette", True, False, lambda _y, p, x: float(skm.silhouette_score(x, p))
    ),
}


def credit_for(
    value: float, thresholds: list[dict], higher_is_better: bool
) -> tuple[float, dict | None]:
    """The best tier reached: (credit 0–1, that tier). Tiers are {at, credit}, any order."""
    reached = [
        t for t in thresholds if (value >= t["at"] if higher_is_better else value <= t["at"])
    ]
    if not reached:
        return 0.0, None
    best = max(reached, key=lambda t: t["credit"])
    return float(best["credit"]), best


def full_marks_tier(thresholds: list[dict]) -> dict:
    return max(thresholds, key=lambda t: t["credit"])
