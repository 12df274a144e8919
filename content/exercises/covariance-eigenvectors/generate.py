"""Writes data/ for the plotting part: two real two-column tables. Run: python generate.py

- wine_phenols.npy: total phenols and proanthocyanins of the 178 wines of scikit-learn's
  bundled wine data (UCI; no download);
- diabetes_s3_s4.npy: the serum measurements s3 and s4 of the 442 patients of scikit-learn's
  bundled diabetes data (already centred and scaled by its authors).
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_diabetes, load_wine


def main(here: Path = Path(__file__).parent):
    (here / "data").mkdir(exist_ok=True)
    wine = load_wine()
    columns = [wine.feature_names.index(n) for n in ("total_phenols", "proanthocyanins")]
    np.save(here / "data/wine_phenols.npy", wine.data[:, columns].astype(np.float64))
    diabetes = load_diabetes()
    columns = [diabetes.feature_names.index(n) for n in ("s3", "s4")]
    np.save(here / "data/diabetes_s3_s4.npy", diabetes.data[:, columns].astype(np.float64))


if __name__ == "__main__":
    main()
