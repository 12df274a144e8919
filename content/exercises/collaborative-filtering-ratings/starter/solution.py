import numpy as np


def similarity(R, kind):
    """User-by-user similarity over co-rated items ('cosine' or 'pearson'); R has NaN gaps."""
    return np.eye(len(R))  # TODO


def predict_knn(R, user, item, k):
    """Mean-centred user-based k-NN prediction of R[user, item] from the other users."""
    return float(np.nanmean(R[user]))  # TODO: add the neighbours' centred ratings


def leave_one_out(R, k):
    """Each observed rating (row by row) predicted with that rating hidden."""
    R = np.asarray(R, dtype=float)
    return np.array([predict_knn(R, u, i, k) for u, i in zip(*np.nonzero(~np.isnan(R)))])


def fit_predict(train_users, train_items, train_ratings, test_users, test_items):
    """A predicted rating (0.5 to 5 stars) for each held-out (user, movie) pair."""
    return np.full(len(test_users), train_ratings.mean())  # TODO: collaborative filtering
