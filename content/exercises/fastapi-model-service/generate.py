"""Writes data/iris_X.npy and data/iris_y.npy for fastapi-model-service (data/asgi_bridge.py
is hand-written: how the grader serves the app). Run at authoring time:  python generate.py

Fisher's iris measurements as scikit-learn bundles them: 150 flowers, four lengths in cm
(sepal length, sepal width, petal length, petal width) and the species (0 setosa,
1 versicolor, 2 virginica). The service trains its model on all of them when it starts.
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_iris


def main():
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    X, y = load_iris(return_X_y=True)
    np.save(here / "data/iris_X.npy", X.astype(np.float64))
    np.save(here / "data/iris_y.npy", y.astype(np.int64))


if __name__ == "__main__":
    main()
