from pathlib import Path  # noqa: F401

import mlflow  # noqa: F401
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

EXPERIMENT = "breast-cancer-logreg"


def train_and_log(X_train, y_train, X_val, y_val, tracking_dir="mlruns", C=1.0, max_iter=500):
    """Train the pipeline, log one MLflow run (params, metrics, model) in tracking_dir's file
    store, and return the run's id."""
    model = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=max_iter))
    model.fit(X_train, y_train)
    # TODO: the tracking URI, the experiment, a run with its params, metrics and model
    return ""
