import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def kfold_rmse(X, y, k, alpha):
    """RMSE on each held-out fold of KFold(n_splits=k)."""
    return np.zeros(k)  # TODO


def fit_predict(X_train, y_train, X_test):
    """One predicted price per row of X_test."""
    return np.full(len(X_test), y_train.mean())  # TODO: a real model
