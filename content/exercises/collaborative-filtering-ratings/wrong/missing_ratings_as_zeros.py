import numpy as np


def similarity(R, kind):
    """Missing ratings filled with 0, then cosine (or np.corrcoef) over every item."""
    filled = np.nan_to_num(np.asarray(R, dtype=float))
    if kind == "pearson":
        return np.corrcoef(filled)
    norms = np.linalg.norm(filled, axis=1)
    return filled @ filled.T / np.outer(norms, norms)


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
    """Biases plus a rank-10 matrix factorisation fitted by regularised ALS."""
    users, items = train_users.astype(int), train_items.astype(int)
    test_users, test_items = test_users.astype(int), test_items.astype(int)
    n_users = max(users.max(), test_users.max()) + 1
    n_items = max(items.max(), test_items.max()) + 1
    mu, bu, bi = _biases(users, items, train_ratings, n_users, n_items)
    residual = train_ratings - mu - bu[users] - bi[items]
    rank, reg = 10, 10.0
    P = np.random.normal(0, 0.1, (n_users, rank))
    Q = np.random.normal(0, 0.1, (n_items, rank))
    by_user = [np.flatnonzero(users == u) for u in range(n_users)]
    by_item = [np.flatnonzero(items == i) for i in range(n_items)]
    ridge = reg * np.eye(rank)
    for _ in range(10):
        for u, rows in enumerate(by_user):
            F = Q[items[rows]]
            P[u] = np.linalg.solve(F.T @ F + ridge, F.T @ residual[rows])
        for i, rows in enumerate(by_item):
            F = P[users[rows]]
            Q[i] = np.linalg.solve(F.T @ F + ridge, F.T @ residual[rows])
    predicted = mu + bu[test_users] + bi[test_items] + np.sum(P[test_users] * Q[test_items], axis=1)
    return np.clip(predicted, 0.5, 5.0)
