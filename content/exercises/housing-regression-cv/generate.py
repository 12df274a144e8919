"""Writes data/ (shipped) and hidden/ (judge only) for housing-regression-cv. Run: python generate.py

A synthetic city, generated because nothing can be downloaded at grading time. Columns:
floor area (m²), rooms, age (years), distance to centre (km), school rating (1–10), crime rate.
"""

from pathlib import Path

import numpy as np

SEED = 20260401
COLUMNS = ["area_m2", "rooms", "age_years", "distance_km", "school_rating", "crime_rate"]


def houses(rng, n):
    area = rng.uniform(35, 240, n)
    rooms = np.clip(np.round(area / 35 + rng.normal(0, 0.7, n)), 1, 8)
    age = rng.uniform(0, 90, n)
    distance = rng.gamma(2.0, 5.0, n)
    school = np.clip(rng.normal(6, 2, n), 1, 10)
    crime = np.clip(rng.gamma(1.5, 0.02, n), 0, 0.3)
    price = (
        2.4 * area
        + 9 * rooms
        - 0.6 * age
        - 4.5 * distance
        + 14 * school
        - 300 * crime
        + 80
        + rng.normal(0, 25, n)
    )  # thousands
    return np.column_stack([area, rooms, age, distance, school, crime]).astype(
        np.float64
    ), price.round(1)


def main():
    rng = np.random.default_rng(SEED)
    X, y = houses(rng, 800)
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[:600])
    np.save(here / "data/y_train.npy", y[:600])
    np.save(here / "data/X_test.npy", X[600:])
    np.save(here / "hidden/y_test.npy", y[600:])


if __name__ == "__main__":
    main()
