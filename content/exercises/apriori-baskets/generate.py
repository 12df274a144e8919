"""Writes data/ for apriori-baskets (the learner may read it; the grader passes the same baskets).

Run: python generate.py /path/to/site-packages   (where `pip install dmba` put the dmba package)

Real data from the dmba package (*Data Mining for Business Analytics*): `Cosmetics.csv`, 1,000
shopping baskets over 14 cosmetics products, and `Coursetopics.csv`, the course topics 365
students signed up for. Each file is rewritten as one basket per line, items separated by commas.
"""

import sys
from pathlib import Path

import pandas as pd


def _baskets(table: pd.DataFrame) -> list[list[str]]:
    return [[item for item in table.columns if row[item]] for _, row in table.iterrows()]


def main(site: Path, here: Path = Path(__file__).parent):
    (here / "data").mkdir(exist_ok=True)
    cosmetics = pd.read_csv(site / "dmba/csvFiles/Cosmetics.csv.gz").drop(
        columns=["Trans. "], errors="ignore"
    )
    cosmetics = cosmetics.loc[:, [c for c in cosmetics.columns if not c.startswith("Trans")]]
    courses = pd.read_csv(site / "dmba/csvFiles/Coursetopics.csv.gz")
    for name, table in [("cosmetics", cosmetics), ("courses", courses)]:
        lines = [",".join(basket) for basket in _baskets(table.astype(bool))]
        (here / f"data/{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
