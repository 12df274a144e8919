import numpy as np


def similarity(R, kind):
    """User-by-user similarity over co-rated items ('cosine' or 'pearson'); R has NaN gaps."""
    R = np.asarray(R, dtype=float)
    rated = ~np.isnan(R)
    n = len(R)
    S = np.eye(n)
    for a in range(n):
        for b in range(a + 1, n):
            both = rated[a] & rated[b]
            if both.sum() < 2:
                continue
            x, y = R[a, both], R[b, both]
            if kind == "pearson":
                x, y = x - x.mean(), y - y.mean()
            norm = np.sqrt(np.sum(x * x) * np.sum(y * y))
            S[a, b] = S[b, a] = np.sum(x * y) / norm if norm > 0 else 0.0
    return S


def predict_knn(R, user, item, k):
    """Mean-centred user-based k-NN prediction of R[user, item] from the other users."""
    R = np.asarray(R, dtype=float)
    means = np.nanmean(R, axis=1)
    S = similarity(R, "pearson")
    raters = np.flatnonzero(~np.isnan(R[:, item]))
    raters = raters[(raters != user) & (S[user, raters] > 0)]
    if len(raters) == 0:
        return float(means[user])
    top = raters[np.argsort(-S[user, raters], kind="stable")[:k]]
    weights = S[user, top]
    return float(means[user] + weights @ (R[top, item] - means[top]) / weights.sum())


def leave_one_out(R, k):
    """Each observed rating (row by row) predicted with that rating hidden."""
    R = np.asarray(R, dtype=float)
    predictions = []
    for user, item in zip(*np.nonzero(~np.isnan(R)), strict=True):
        hidden = R.copy()
        hidden[user, item] = np.nan
        predictions.append(predict_knn(hidden, user, item, k))
    return np.array(predictions)


def _biases(users, items, ratings, n_users, n_items, reg=5.0, sweeps=10):
    mu = ratings.mean()
    bu, bi = np.zeros(n_users), np.zeros(n_items)
    for _ in range(sweeps):
        bi = np.bincount(items, ratings - mu - bu[users], n_items) / (
            np.bincount(items, minlength=n_items) + reg
        )
        bu = np.bincount(users, ratings - mu - bi[items], n_users) / (
            np.bincount(users, minlength=n_users) + reg
        )
    return mu, bu, bi


def fit_predict(train_users, train_items, train_ratings, test_users, test_items):
    """Each user's mean rating: a baseline, not collaborative filtering."""
    users = train_users.astype(int)
    n_users = max(users.max(), test_users.max()) + 1
    sums = np.bincount(users, train_ratings, n_users)
    counts = np.bincount(users, minlength=n_users)
    return (sums / np.maximum(counts, 1))[test_users.astype(int)]
