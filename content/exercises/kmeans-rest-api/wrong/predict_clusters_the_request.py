"""Wrong: /predict runs k-means on the points it is sent instead of using the fitted model."""

import numpy as np
from flask import Flask, jsonify, request

app = Flask(__name__)
model = {}


def kmeans(points, k, iterations=100):
    centroids = [points[0]]
    for _ in range(1, k):  # farthest-point start: deterministic and well spread
        distances = np.min([((points - c) ** 2).sum(axis=1) for c in centroids], axis=0)
        centroids.append(points[distances.argmax()])
    centroids = np.array(centroids)
    for _ in range(iterations):
        labels = ((points[:, None] - centroids[None]) ** 2).sum(axis=2).argmin(axis=1)
        updated = np.array(
            [
                points[labels == j].mean(axis=0) if (labels == j).any() else centroids[j]
                for j in range(k)
            ]
        )
        if np.allclose(updated, centroids):
            break
        centroids = updated
    return centroids


def _points(body):
    try:
        points = np.asarray(body["points"], dtype=float)
    except (KeyError, TypeError, ValueError):
        return None
    return points if points.ndim == 2 and len(points) else None


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.post("/fit")
def fit():
    body = request.get_json(silent=True) or {}
    points, k = _points(body), body.get("k")
    if points is None or not isinstance(k, int) or not 1 <= k <= len(points):
        return jsonify(
            error="send {'points': [[x, y, ...], ...], 'k': n} with 1 <= k <= len(points)"
        ), 400
    model["centroids"] = kmeans(points, k)
    return jsonify(centroids=model["centroids"].tolist())


@app.post("/predict")
def predict():
    if "centroids" not in model:
        return jsonify(error="no model yet: POST /fit first"), 409
    points = _points(request.get_json(silent=True) or {})
    if points is None or points.shape[1] != model["centroids"].shape[1]:
        return jsonify(
            error="send {'points': [[...], ...]} with as many features as the fitted data"
        ), 400
    k = min(len(model["centroids"]), len(points))
    centroids = kmeans(points, k)  # clusters the request's points afresh
    labels = ((points[:, None] - centroids[None]) ** 2).sum(axis=2).argmin(axis=1)
    return jsonify(labels=labels.tolist())
