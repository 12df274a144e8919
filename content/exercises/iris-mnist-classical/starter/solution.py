import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def stratified_split(y, test_fraction, seed):
    """(train_idx, test_idx) with every class in the same proportion in both parts."""
    n_test = int(round(len(y) * test_fraction))
    rows = np.arange(len(y))
    return rows[n_test:], rows[:n_test]  # TODO: shuffle, and split each class


def make_model(kind):
    """The two pipelines of the exercise (given)."""
    if kind == "knn":
        return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5))
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))


def evaluate(X, y, train_idx, test_idx, kind):
    """{'train_accuracy': ..., 'test_accuracy': ...} of make_model(kind) fitted on the training rows."""
    return {"train_accuracy": 0.0, "test_accuracy": 0.0}  # TODO


def fit_predict_digits(X_train, y_train, X_test):
    """A digit (0-9) for each held-out image."""
    return np.zeros(len(X_test), dtype=int)  # TODO: train a classifier
