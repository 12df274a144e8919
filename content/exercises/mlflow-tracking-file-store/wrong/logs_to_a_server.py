import mlflow
import mlflow.sklearn
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

EXPERIMENT = "breast-cancer-logreg"


def train_and_log(X_train, y_train, X_val, y_val, tracking_dir="mlruns", C=1.0, max_iter=500):
    mlflow.set_tracking_uri("http://127.0.0.1:5000")  # the tracking server of `mlflow ui`
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
        mlflow.sklearn.log_model(
            model,
            name="model",
            serialization_format=mlflow.sklearn.SERIALIZATION_FORMAT_CLOUDPICKLE,
            pip_requirements=[f"scikit-learn=={sklearn.__version__}"],
        )
    return run.info.run_id
