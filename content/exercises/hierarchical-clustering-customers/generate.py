"""Writes data/ (shipped) and hidden/ (judge only) for hierarchical-clustering-customers.

Run: python generate.py /path/to/site-packages   (where `pip install dmba` put the dmba package)

Real data: BathSoapHousehold.csv from the dmba package (Shmueli et al., *Data Mining for
Business Analytics*, the bath-soap case): 600 Indian households and how they bought soap over
a year. We keep the book's "purchase behaviour" variables, in this order:

  No. of Brands, Brand Runs, Total Volume, No. of Trans, Value, Trans / Brand Runs, Vol/Tran,
  Avg. Price, max brand share (the largest of the eight brand-share columns: loyalty to one
  brand), Others 999 (share bought of minor brands)

- data/households.npy: the 600 × 10 table as it is (float64), data/columns.txt its names;
- hidden/standardized.npy: the same table with every column at mean 0 and (population)
  standard deviation 1: the features the silhouette of a learner's labels is measured on;
- hidden/segments.npy: the reference segmentation: SciPy's Ward linkage of the standardized
  table, cut at the k in 2..8 with the highest silhouette (scikit-learn), as labels 0..k-1.
"""

import csv
import gzip
import sys
from pathlib import Path

import numpy as np

BEHAVIOUR = [
    "No. of Brands",
    "Brand Runs",
    "Total Volume",
    "No. of  Trans",  # two spaces in the book's file
    "Value",
    "Trans / Brand Runs",
    "Vol/Tran",
    "Avg. Price",
]
NAMES = [*BEHAVIOUR[:3], "No. of Trans", *BEHAVIOUR[4:], "Max brand share", "Others 999"]


def households(site: Path) -> np.ndarray:
    with gzip.open(
        site / "dmba/csvFiles/BathSoapHousehold.csv.gz", "rt", encoding="utf-8-sig"
    ) as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    table = np.array(rows[1:], dtype=np.float64)

    def column(name):
        return table[:, header.index(name)]

    brands = np.column_stack([column(h) for h in header if h.startswith("Br. Cd.")])
    return np.column_stack(
        [column(n) for n in BEHAVIOUR] + [brands.max(axis=1), column("Others 999")]
    )


def main(site: Path, here: Path = Path(__file__).parent):
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.metrics import silhouette_score

    X = households(site)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    tree = linkage(Z, "ward")
    scores = [silhouette_score(Z, fcluster(tree, k, "maxclust")) for k in range(2, 9)]
    k = 2 + int(np.argmax(scores))
    print("silhouette for k = 2..8:", np.round(scores, 4), "chosen k:", k)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/households.npy", X)
    (here / "data/columns.txt").write_text("\n".join(NAMES) + "\n")
    np.save(here / "hidden/standardized.npy", Z)
    np.save(here / "hidden/segments.npy", fcluster(tree, k, "maxclust").astype(np.int64) - 1)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
