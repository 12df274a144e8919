"""Cases for classification-metrics-scratch: real out-of-fold predictions. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _data():
    return (
        np.load(HERE / "data/y.npy"),
        np.load(HERE / "data/p_logistic.npy"),
        np.load(HERE / "data/p_bayes.npy"),
    )


def hard_predictions(rng):
    y, logistic, bayes = _data()
    some = rng.choice(len(y), 100, replace=False)
    return [
        {"args": [y, (logistic >= 0.5).astype(np.int64)]},
        {"args": [y, (bayes >= 0.3).astype(np.int64)]},
        {"args": [y[some], (logistic[some] >= 0.8).astype(np.int64)]},
    ]


def scores(rng):
    y, logistic, bayes = _data()
    some = rng.choice(len(y), 60, replace=False)
    return [
        {"args": [y, logistic]},
        {"args": [y, bayes.round(1)]},  # eleven distinct scores: many ties
        {"args": [y[some], bayes[some].round(2)]},
    ]


def probabilities(rng):
    y, logistic, bayes = _data()
    some = rng.choice(len(y), 80, replace=False)
    return [
        {"args": [y, logistic]},
        {"args": [y, bayes]},
        {"args": [y[some], logistic[some]]},
    ]
