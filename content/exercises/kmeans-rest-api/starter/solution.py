import numpy as np
from flask import Flask, jsonify, request

app = Flask(__name__)
model = {}


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.post("/fit")
def fit():
    # TODO: validate {"points": [[...], ...], "k": n}, run k-means, keep the centroids in `model`
    return jsonify(centroids=[])


@app.post("/predict")
def predict():
    # TODO: 409 before /fit; 400 for bad input; else the index of the nearest centroid per point
    return jsonify(labels=[])
