import numpy as np
from flask import Flask, jsonify, request

app = Flask(__name__)
model = {}


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.post("/fit")
def fit():
    body = request.get_json()
    points = np.asarray(body["points"], dtype=float)  # a missing or malformed field becomes a 500
    k = body["k"]
    centroids = points[:k].copy()
    for _ in range(100):
        labels = ((points[:, None] - centroids[None]) ** 2).sum(axis=2).argmin(axis=1)
        centroids = np.array([points[labels == j].mean(axis=0) for j in range(k)])
    model["centroids"] = centroids
    return jsonify(centroids=centroids.tolist())


@app.post("/predict")
def predict():
    points = np.asarray(request.get_json()["points"], dtype=float)
    labels = ((points[:, None] - model["centroids"][None]) ** 2).sum(axis=2).argmin(axis=1)
    return jsonify(labels=labels.tolist())
