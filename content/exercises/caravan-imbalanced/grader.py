"""Probe cases for caravan-imbalanced: real labels and real out-of-fold scores. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _scores():
    return np.load(HERE / "data/y_train.npy"), np.load(HERE / "data/scores_oof.npy")


def labelled_scores(rng):
    y, scores = _scores()
    some = rng.choice(len(y), 1500, replace=False)
    return [
        {"args": [y, scores]},
        {"args": [y[some], scores[some]]},
        {"args": [y[:800], scores[:800].round(2)]},
    ]


def labelled_predictions(rng):
    y, scores = _scores()
    return [{"args": [y, (scores >= t).astype(np.int64)]} for t in (0.5, 0.12, 0.06)] + [
        {"args": [y, np.zeros_like(y)]}
    ]
