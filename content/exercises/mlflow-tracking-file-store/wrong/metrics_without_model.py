from pathlib import Path

import mlflow
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

EXPERIMENT = "breast-cancer-logreg"


def train_and_log(X_train, y_train, X_val, y_val, tracking_dir="mlruns", C=1.0, max_iter=500):
    # A file store in the working folder (file:///work/mlruns), not a server, not the
    # default sqlite database.
    mlflow.set_tracking_uri(Path(tracking_dir).resolve().as_uri())
    mlflow.set_experiment(EXPERIMENT)
    with mlflow.start_run() as run:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=max_iter))
        model.fit(X_train, y_train)
        mlflow.log_params({"C": C, "max_iter": max_iter})
        mlflow.log_metrics(
            {
                "train_accuracy": model.score(X_train, y_train),
                "val_accuracy": model.score(X_val, y_val),
            }
        )
        # the metrics say how good it is; the model itself stays in memory
    return run.info.run_id
