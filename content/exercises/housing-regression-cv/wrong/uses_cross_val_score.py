import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def kfold_rmse(X, y, k, alpha):
    model = make_pipeline(StandardScaler(), Ridge(alpha=alpha))
    return np.sqrt(-cross_val_score(model, X, y, cv=KFold(n_splits=k), scoring="neg_mean_squared_error"))


def fit_predict(X_train, y_train, X_test):
    return make_pipeline(StandardScaler(), Ridge(alpha=1.0)).fit(X_train, y_train).predict(X_test)
