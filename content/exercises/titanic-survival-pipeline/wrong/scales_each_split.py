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
    """Each split scaled and one-hot encoded on its own (get_dummies per frame)."""
    age_train, age_test = impute_age(train, test)
    out = []
    for frame, age in ((pd.DataFrame(train), age_train), (pd.DataFrame(test), age_test)):
        numbers = np.column_stack([age, frame["sibsp"], frame["parch"]]).astype(float)
        numbers = (numbers - numbers.mean(axis=0)) / np.where(numbers.std(axis=0) > 0, numbers.std(axis=0), 1)
        flag = frame["age"].isna().to_numpy(dtype=float)[:, None]
        dummies = pd.get_dummies(frame[["pclass", "sex"]]).to_numpy(dtype=float)
        out.append(np.hstack([numbers, flag, dummies]))
    return out[0], out[1]


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
