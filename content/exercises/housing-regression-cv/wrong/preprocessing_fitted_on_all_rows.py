"""Wrong: imputes and scales the whole table before splitting, so each held-out fold's medians, means and spreads leak into its training."""

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def load(path):
    """The features of a CSV of sales, and log(price) when the file has prices."""
    table = pd.read_csv(path)
    y = np.log(table.pop("price").to_numpy()) if "price" in table else None
    return table, y


def model(X, alpha):
    """Imputation, scaling and one-hot encoding inside the pipeline, so fit learns them from
    the rows it is given and nothing else."""
    categorical = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
    numeric = [c for c in X.columns if c not in categorical]
    prepare = ColumnTransformer(
        [
            ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
            (
                "categorical",
                make_pipeline(
                    SimpleImputer(strategy="constant", fill_value="missing"),
                    OneHotEncoder(handle_unknown="ignore"),
                ),
                categorical,
            ),
        ]
    )
    return make_pipeline(prepare, Ridge(alpha=alpha))


def kfold_rmse(path, k, alpha):
    X, y = load(path)
    prepared = model(X, alpha)[0].fit_transform(X)  # imputer and scaler see every row
    errors = []
    for train, test in KFold(n_splits=k).split(X):
        fitted = Ridge(alpha=alpha).fit(prepared[train], y[train])
        errors.append(float(np.sqrt(np.mean((fitted.predict(prepared[test]) - y[test]) ** 2))))
    return np.array(errors)


def fit_predict(train_path, test_path):
    X, y = load(train_path)
    X_test, _ = load(test_path)
    return np.exp(model(X, 10.0).fit(X, y).predict(X_test))
