"""Real data sets for pca-from-scratch's probes, from scikit-learn's bundled copies (nothing is
downloaded). Runs in the worker only (trusted)."""

from sklearn.datasets import load_breast_cancer, load_iris, load_wine


def _standardized(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def data_sets(rng):
    wine = load_wine().data
    cancer = load_breast_cancer().data
    iris = load_iris().data
    rows = rng.choice(len(cancer), 200, replace=False)
    return [
        {"args": [_standardized(wine), 3]},
        {"args": [wine[:, :6], 2]},  # raw units: the variance is all in magnesium and alcalinity
        {"args": [_standardized(cancer[rows]), 5]},
        {"args": [iris, 4]},
    ]


def projections(rng):
    wine = load_wine().data
    iris = load_iris().data
    return [{"args": [_standardized(wine)]}, {"args": [iris + 10.0]}]
