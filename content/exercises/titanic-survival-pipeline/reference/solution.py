import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

TITLES = ["Master", "Miss", "Mr", "Mrs"]


def impute_age(train, test):
    """Missing ages become the median age of the training passengers of the same class and sex."""
    train, test = pd.DataFrame(train), pd.DataFrame(test)
    medians = train.groupby(["pclass", "sex"])["age"].median()
    overall = train["age"].median()
    filled = []
    for frame in (train, test):
        key = pd.MultiIndex.from_arrays([frame["pclass"], frame["sex"]])
        fill = medians.reindex(key).fillna(overall).to_numpy(dtype=float)
        age = frame["age"].to_numpy(dtype=float)
        filled.append(np.where(np.isnan(age), fill, age))
    return filled[0], filled[1]


def design_matrix(train, test):
    """(Z_train, Z_test): standardised numbers, the missing-age flag, then one-hot categories."""
    age_train, age_test = impute_age(train, test)
    parts_train, parts_test = [], []
    for _column, values_train, values_test in [
        ("age", age_train, age_test),
        ("sibsp", np.asarray(train["sibsp"], float), np.asarray(test["sibsp"], float)),
        ("parch", np.asarray(train["parch"], float), np.asarray(test["parch"], float)),
    ]:
        mean, std = values_train.mean(), values_train.std()
        std = std if std > 0 else 1.0
        parts_train.append((values_train - mean) / std)
        parts_test.append((values_test - mean) / std)
    parts_train.append(np.isnan(np.asarray(train["age"], float)).astype(float))
    parts_test.append(np.isnan(np.asarray(test["age"], float)).astype(float))
    Z_train, Z_test = [np.column_stack(parts_train)], [np.column_stack(parts_test)]
    for column in ("pclass", "sex"):
        seen = np.unique(np.asarray(train[column]))
        Z_train.append((np.asarray(train[column])[:, None] == seen).astype(float))
        Z_test.append((np.asarray(test[column])[:, None] == seen).astype(float))
    return np.hstack(Z_train), np.hstack(Z_test)


def with_features(frame):
    frame = frame.copy()
    title = frame["name"].str.extract(r",\s*([^.]+)\.")[0]
    frame["title"] = title.where(title.isin(TITLES), "other")
    frame["family"] = frame["sibsp"] + frame["parch"]
    frame["age_missing"] = frame["age"].isna().astype(float)
    return frame


def fit_predict(train_csv, test_csv):
    """One predicted survival (0 or 1) per passenger of the test file, in its order."""
    train = with_features(pd.read_csv(train_csv))
    test = with_features(pd.read_csv(test_csv))
    y = train.pop("survived").to_numpy()
    train["age"], test["age"] = impute_age(train, test)
    prepare = ColumnTransformer(
        [
            ("num", "passthrough", ["age", "sibsp", "parch", "family", "age_missing"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["pclass", "sex", "title"]),
        ]
    )
    model = make_pipeline(prepare, RandomForestClassifier(n_estimators=300, min_samples_leaf=3))
    model.fit(train, y)
    return model.predict(test)
