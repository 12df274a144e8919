# A server with no input validation (bad bodies crash into 500s) that tries to pass the client
# error checks by replacing the HTTP client instead: the grader's requests used to be sent with
# urllib from inside this very process, so patching urllib.request.urlopen answered them with the
# expected 409 and 400 without any request reaching the server. The requests now come from the
# supervisor, a process this code cannot touch, so the patch is never called.
import io
import json
import urllib.error
import urllib.parse
import urllib.request

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


_real_urlopen = urllib.request.urlopen


def _refuse(url, code, message):
    body = io.BytesIO(json.dumps({"error": message}).encode())
    raise urllib.error.HTTPError(url, code, message, {"Content-Type": "application/json"}, body)


def _urlopen(req, *args, **kwargs):
    if isinstance(req, urllib.request.Request):
        path = urllib.parse.urlsplit(req.full_url).path
        try:
            body = json.loads(req.data or b"{}")
        except ValueError:
            body = None
        if path == "/predict" and "centroids" not in model:
            _refuse(req.full_url, 409, "no model yet")
        if path == "/fit":
            points = body.get("points") if isinstance(body, dict) else None
            k = body.get("k") if isinstance(body, dict) else None
            if not isinstance(points, list) or not isinstance(k, int) or not 1 <= k <= len(points):
                _refuse(req.full_url, 400, "bad request")
    return _real_urlopen(req, *args, **kwargs)


urllib.request.urlopen = _urlopen
