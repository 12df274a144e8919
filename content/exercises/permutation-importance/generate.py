"""Writes data/ for permutation-importance. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install dmba scikit-learn==1.9.1 pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

Two real regression tables, nothing generated:
- diabetes: scikit-learn's bundled diabetes data (Efron et al., 2004), unscaled: age, sex,
  body-mass index, blood pressure and six blood serum measurements of 442 patients, and a
  measure of disease progression one year later;
- corolla: the Toyota Corolla used-car data of the `dmba` wheel (Shmueli et al., Data Mining for
  Business Analytics): ten columns of 1,436 cars and their asking price in euros.
The probes (grader.py) cut training and held-out rows from these files.
"""

from pathlib import Path

import numpy as np

CAR_COLUMNS = [
    "Age_08_04",
    "KM",
    "HP",
    "CC",
    "Doors",
    "Quarterly_Tax",
    "Weight",
    "Automatic",
    "Met_Color",
    "Airco",
]


def main():
    import dmba
    from sklearn.datasets import load_diabetes

    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    diabetes = load_diabetes(scaled=False)
    np.save(here / "data/diabetes_X.npy", diabetes.data.astype(np.float64))
    np.save(here / "data/diabetes_y.npy", diabetes.target.astype(np.float64))
    (here / "data/diabetes_columns.txt").write_text("\n".join(diabetes.feature_names) + "\n")
    cars = dmba.load_data("ToyotaCorolla.csv")
    np.save(here / "data/corolla_X.npy", cars[CAR_COLUMNS].to_numpy(np.float64))
    np.save(here / "data/corolla_y.npy", cars["Price"].to_numpy(np.float64))
    (here / "data/corolla_columns.txt").write_text("\n".join(CAR_COLUMNS) + "\n")


if __name__ == "__main__":
    main()
