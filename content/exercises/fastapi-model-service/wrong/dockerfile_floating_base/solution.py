import threading

import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, Field
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SPECIES = ["setosa", "versicolor", "virginica"]
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


class Flower(BaseModel):
    """One flower's measurements in cm; FastAPI answers 422 to anything else."""

    sepal_length: float = Field(gt=0, le=100)
    sepal_width: float = Field(gt=0, le=100)
    petal_length: float = Field(gt=0, le=100)
    petal_width: float = Field(gt=0, le=100)


class Batch(BaseModel):
    flowers: list[Flower] = Field(min_length=1, max_length=256)


class Prediction(BaseModel):
    species: str
    probabilities: list[float]


class BatchPrediction(BaseModel):
    species: list[str]
    probabilities: list[list[float]]


model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
model.fit(np.load("data/iris_X.npy"), np.load("data/iris_y.npy"))
served = {"predictions": 0}  # rows predicted since the service started: a first metric
lock = threading.Lock()

app = FastAPI(title="Iris species service")


def _predict(flowers):
    rows = np.array([[getattr(flower, name) for name in FEATURES] for flower in flowers])
    probabilities = model.predict_proba(rows)
    with lock:
        served["predictions"] += len(rows)
    return [SPECIES[i] for i in probabilities.argmax(axis=1)], probabilities.tolist()


@app.get("/health")
def health():
    return {"status": "ok", "predictions": served["predictions"]}


@app.post("/predict", response_model=Prediction)
def predict(flower: Flower):
    species, probabilities = _predict([flower])
    return Prediction(species=species[0], probabilities=probabilities[0])


@app.post("/predict/batch", response_model=BatchPrediction)
def predict_batch(batch: Batch):
    species, probabilities = _predict(batch.flowers)
    return BatchPrediction(species=species, probabilities=probabilities)
