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
    """Lets scikit-learn do the work."""
    from sklearn.inspection import permutation_importance as library

    model = make_model(kind).fit(X_train, y_train)
    result = library(model, X_val, y_val, n_repeats=n_repeats, random_state=seed)
    return result.importances_mean, result.importances_std, result.importances
