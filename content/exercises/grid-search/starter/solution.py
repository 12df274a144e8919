import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold


def cv_scores(X, y, alphas, k):
    """Mean validation MSE over k folds, one per alpha."""
    return np.zeros(len(alphas))  # TODO


def best_alpha(X, y, alphas, k):
    """The alpha with the lowest mean validation MSE."""
    return float(alphas[0])  # TODO
