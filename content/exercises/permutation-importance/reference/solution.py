import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import Ridge


def make_model(kind):
    """The model to explain: 'ridge' or 'forest' (given; do not change)."""
    if kind == "ridge":
        return Ridge(alpha=1.0)
    return RandomForestRegressor(n_estimators=40, min_samples_leaf=5, random_state=0, n_jobs=1)


def sklearn_row_orders(n_rows, n_repeats, seed):
    """The row orders scikit-learn's permutation_importance applies to a column (given).

    Row r of the result is the order of the original rows that column j holds in repeat r:
    the permuted column is X[orders[r], j]. Every column gets the same orders.
    """
    first = np.random.RandomState(seed).randint(np.iinfo(np.int32).max + 1)
    rng = np.random.RandomState(first)
    shuffled, order, orders = np.arange(n_rows), np.arange(n_rows), []
    for _ in range(n_repeats):
        rng.shuffle(shuffled)
        order = order[shuffled]
        orders.append(order.copy())
    return np.array(orders)


def permutation_importance(kind, X_train, y_train, X_val, y_val, n_repeats, seed):
    """(mean, std, importances): the drop in R² when each column of X_val is shuffled.

    importances has one row per feature and one column per repeat.
    """
    model = make_model(kind).fit(X_train, y_train)
    baseline = model.score(X_val, y_val)
    orders = sklearn_row_orders(len(X_val), n_repeats, seed)
    importances = np.empty((X_val.shape[1], n_repeats))
    for j in range(X_val.shape[1]):
        for r, order in enumerate(orders):
            shuffled = X_val.copy()
            shuffled[:, j] = X_val[order, j]
            importances[j, r] = baseline - model.score(shuffled, y_val)
    return importances.mean(axis=1), importances.std(axis=1), importances
