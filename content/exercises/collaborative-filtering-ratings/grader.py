"""Probe cases for collaborative-filtering-ratings: blocks of real MovieLens ratings. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
nan = np.nan


def _matrix():
    users = np.load(HERE / "data/train_users.npy").astype(int)
    items = np.load(HERE / "data/train_items.npy").astype(int)
    ratings = np.load(HERE / "data/train_ratings.npy")
    R = np.full((users.max() + 1, items.max() + 1), np.nan)
    R[users, items] = ratings
    return R


def _block(rng, R, n_users, n_items, keep):
    """Ratings of some of the most active users for some of the most rated movies, thinned out
    (each kept with probability `keep`); every user keeps at least three ratings."""
    rated = ~np.isnan(R)
    top_users = np.argsort(-rated.sum(axis=1), kind="stable")[:80]
    top_items = np.argsort(-rated.sum(axis=0), kind="stable")[:60]
    while True:
        rows = np.sort(rng.choice(top_users, n_users, replace=False))
        cols = np.sort(rng.choice(top_items, n_items, replace=False))
        block = R[np.ix_(rows, cols)].copy()
        block[rng.random(block.shape) > keep] = np.nan
        if (~np.isnan(block)).sum(axis=1).min() >= 3:
            return block


SMALL = np.array(
    [
        [5.0, 4.0, nan, 1.0, 2.0],
        [4.0, nan, 4.0, 1.5, 2.0],
        [nan, 2.0, 5.0, 3.0, 4.5],
        [1.0, 2.0, nan, 5.0, 4.0],
        [3.0, 3.0, 3.0, nan, nan],
    ]
)


def similarity_cases(rng):
    R = _matrix()
    cases = []
    for kind in ("pearson", "cosine"):
        cases.append({"args": [SMALL, kind]})
        cases.append({"args": [_block(rng, R, 8, 10, 0.7), kind]})
        cases.append({"args": [_block(rng, R, 20, 30, 0.5), kind]})
    return cases


def leave_one_out_cases(rng):
    R = _matrix()
    return [
        {"args": [_block(rng, R, 6, 8, 0.8), 2]},
        {"args": [_block(rng, R, 12, 15, 0.6), 3]},
        {"args": [_block(rng, R, 16, 20, 0.6), 4]},
    ]
