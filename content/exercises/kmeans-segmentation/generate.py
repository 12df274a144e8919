"""Writes data/customers.npy (shipped) and hidden/segments.npy (judge only). Run: python generate.py

Generated retail customers in four segments. Columns: annual spend (€), visits per month,
average basket (€), days since the last purchase, share of orders placed online. Spend varies
a lot inside every segment, so unscaled distances are dominated by it and hide the segments.
"""

from pathlib import Path

import numpy as np

SEED = 20260403
SEGMENTS = {  # visits, basket, recency, online share
    "loyal regulars": (14, 35, 6, 0.2),
    "online bargain hunters": (5, 22, 20, 0.9),
    "occasional big spenders": (1.5, 95, 70, 0.4),
    "lapsed": (0.8, 30, 240, 0.3),
}


def customers(rng, per_segment=125):
    rows, labels = [], []
    for label, (visits, basket, recency, online) in enumerate(SEGMENTS.values()):
        n = per_segment
        rows.append(
            np.column_stack(
                [
                    rng.lognormal(np.log(1500), 0.6, n),
                    np.clip(rng.normal(visits, visits * 0.25, n), 0.1, None),
                    np.clip(rng.normal(basket, basket * 0.2, n), 1, None),
                    np.clip(rng.normal(recency, recency * 0.3 + 3, n), 0, 365),
                    np.clip(rng.normal(online, 0.08, n), 0, 1),
                ]
            )
        )
        labels.append(np.full(n, label))
    X, y = np.vstack(rows), np.concatenate(labels)
    order = rng.permutation(len(y))
    return X[order].round(2), y[order]


def main(here: Path = Path(__file__).parent):
    X, y = customers(np.random.default_rng(SEED))
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/customers.npy", X)
    np.save(here / "hidden/segments.npy", y)


if __name__ == "__main__":
    main()
