"""Trusted: expected values from scikit-learn's own permutation_importance (reference run only)."""

from sklearn.ensemble import RandomForestRegressor
from sklearn.inspection import permutation_importance as library
from sklearn.linear_model import Ridge


def _model(kind):
    if kind == "ridge":
        return Ridge(alpha=1.0)
    return RandomForestRegressor(n_estimators=40, min_samples_leaf=5, random_state=0, n_jobs=1)


def permutation_importance(kind, X_train, y_train, X_val, y_val, n_repeats, seed):
    model = _model(kind).fit(X_train, y_train)
    result = library(model, X_val, y_val, n_repeats=n_repeats, random_state=seed)
    return result.importances_mean, result.importances_std, result.importances
