import numpy as np
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold


def cv_scores(X, y, alphas, k):
    scores = []
    for alpha in alphas:
        errors = []
        for train, test in KFold(n_splits=k).split(X):
            model = Ridge(alpha=alpha).fit(X[train], y[train])
            errors.append(mean_squared_error(y[test], model.predict(X[test])))
        scores.append(np.mean(errors))
    return np.array(scores)


def best_alpha(X, y, alphas, k):
    return float(alphas[int(np.argmax(cv_scores(X, y, alphas, k)))])
