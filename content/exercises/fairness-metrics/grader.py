"""Cases and the held-out judgement for fairness-metrics (real HMDA applications). Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
GAP_AT_MOST = 0.08  # equal-opportunity gap on the held-out rows (the reference: 0.062)
TPR_WITHIN = 0.08  # each group's held-out true-positive rate within this of the target
FPR_AT_MOST = 0.7  # each group's held-out false-positive rate (approving every denial scores 1)


def _data(name):
    return np.load(HERE / "data" / f"{name}.npy")


def _train():
    return _data("scores_train"), _data("y_train"), _data("group_train"), _data("single_train")


def report_cases(rng):
    scores, y, race, single = _train()
    both = np.char.add(np.char.add(race, "/"), single)
    cases = [
        {
            "args": [
                np.array([1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0]),
                np.array([1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0]),
                np.array(["a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c"]),
            ]
        },
        {"args": [y, (scores >= 0.5).astype(np.int64), race]},
    ]
    rows = rng.permutation(len(y))[:500]
    cases.append({"args": [y[rows], (scores[rows] >= 0.8).astype(np.int64), both[rows]]})
    rows = rng.permutation(len(y))[:300]
    codes = (race[rows] == "black").astype(np.int64)
    cases.append({"args": [y[rows], (scores[rows] >= 0.9).astype(np.int64), codes]})
    return cases


def _target(target, y, group):
    """Nudge the target so that target × positives is never a whole number (no rounding ties)."""
    while any(
        abs(target * n - round(target * n)) < 1e-6
        for n in (np.sum((group == g) & (y == 1)) for g in np.unique(group))
    ):
        target += 0.003
    return round(target, 6)


def threshold_cases(rng):
    scores, y, race, single = _train()
    both = np.char.add(np.char.add(race, "/"), single)
    cases = [{"args": [scores, y, race, _target(0.9, y, race)]}]
    rows = rng.permutation(len(y))[:700]
    cases.append({"args": [scores[rows], y[rows], both[rows], _target(0.8, y[rows], both[rows])]})
    rows = rng.permutation(len(y))[:400]
    cases.append({"args": [scores[rows], y[rows], race[rows], _target(0.95, y[rows], race[rows])]})
    return cases


def held_out_cases(rng):
    scores, y, race, _ = _train()
    target = _target(0.9, y, race)
    return [{"args": [scores, y, race, _data("scores_test"), _data("group_test"), target]}]


def _rates(y, pred, group):
    groups = np.unique(group)
    tpr = {g: float(pred[(group == g) & (y == 1)].mean()) for g in groups}
    fpr = {g: float(pred[(group == g) & (y == 0)].mean()) for g in groups}
    return tpr, fpr


def _show(rates):
    return ", ".join(f"{g} {v:.3f}" for g, v in rates.items())


def held_out_equal_opportunity(value, train_scores, y_train, group_train, scores, group, target):
    """None when the decisions approve about `target` of each group's approved applicants."""
    y = np.load(HERE / "hidden" / "y_test.npy")
    pred = np.asarray(value)
    if pred.shape != y.shape:
        return f"returned an array of shape {pred.shape}; expected one decision per test row, {y.shape}"
    if not np.isin(pred, (0, 1)).all():
        return "returned values other than 0 and 1; expected a decision (1 = approve) per row"
    pred = pred.astype(np.int64)
    tpr, fpr = _rates(y, pred, group)
    one = np.sort(train_scores[y_train == 1])[::-1][int(np.ceil(target * np.sum(y_train == 1))) - 1]
    single_tpr, _ = _rates(y, (scores >= one).astype(np.int64), group)
    gap, single_gap = (
        max(tpr.values()) - min(tpr.values()),
        max(single_tpr.values()) - min(single_tpr.values()),
    )
    said = (
        f"on the held-out applications your decisions approve these shares of the applicants the "
        f"bank approved: {_show(tpr)} (a gap of {gap:.3f}; one threshold for everyone gives "
        f"{_show(single_tpr)}, a gap of {single_gap:.3f})"
    )
    if gap > GAP_AT_MOST:
        return f"{said}; the gap must be at most {GAP_AT_MOST}"
    off = [g for g, v in tpr.items() if abs(v - target) > TPR_WITHIN]
    if off:
        return f"{said}; each group's share must be within {TPR_WITHIN} of the target {target}"
    loose = {g: v for g, v in fpr.items() if v > FPR_AT_MOST}
    if loose:
        return (
            f"your decisions approve these shares of the applicants the bank denied: {_show(fpr)}; "
            f"at most {FPR_AT_MOST} in each group (approving nearly everyone closes no real gap)"
        )
    return None
