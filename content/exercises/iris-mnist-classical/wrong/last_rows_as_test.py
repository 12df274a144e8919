import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def stratified_split(y, test_fraction, seed):
    """The last rows of the file are the test rows (the files are sorted by class)."""
    n_test = int(round(len(y) * test_fraction))
    rows = np.arange(len(y))
    return rows[: len(y) - n_test], rows[len(y) - n_test :]


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
    """Digit labels for the held-out images: PCA to 40 dimensions, then 5 nearest neighbours."""
    model = make_pipeline(PCA(n_components=40), KNeighborsClassifier(5, weights="distance"))
    model.fit(X_train / 255.0, y_train)
    return model.predict(X_test / 255.0)
