import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, Field  # noqa: F401
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SPECIES = ["setosa", "versicolor", "virginica"]
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]

model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
model.fit(np.load("data/iris_X.npy"), np.load("data/iris_y.npy"))
served = {"predictions": 0}  # rows predicted since the service started

app = FastAPI(title="Iris species service")


# TODO: pydantic models for one flower and for a batch of flowers


@app.get("/health")
def health():
    return {"status": "ok"}  # TODO: also report served["predictions"]


# TODO: POST /predict and POST /predict/batch
