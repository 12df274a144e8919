import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def stratified_split(y, test_fraction, seed):
    """(train_idx, test_idx): each class's rows shuffled, round(n_c * test_fraction) to test."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == c))
        n_test = int(round(len(rows) * test_fraction))
        test.append(rows[:n_test])
        train.append(rows[n_test:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def make_model(kind):
    if kind == "knn":
        return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5))
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))


def evaluate(X, y, train_idx, test_idx, kind):
    """Fit the pipeline on the training rows only; accuracy on both sets of rows."""
    model = make_model(kind).fit(X[train_idx], y[train_idx])
    return {
        "train_accuracy": float(model.score(X[train_idx], y[train_idx])),
        "test_accuracy": float(model.score(X[test_idx], y[test_idx])),
    }


def fit_predict_digits(X_train, y_train, X_test):
    """Gaussian naive Bayes on the pixels: each pixel an independent bell curve per digit."""
    from sklearn.naive_bayes import GaussianNB

    return GaussianNB().fit(X_train / 255.0, y_train).predict(X_test / 255.0)
