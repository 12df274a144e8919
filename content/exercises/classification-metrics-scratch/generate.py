"""Writes data/ for classification-metrics-scratch. Run: python generate.py (scikit-learn only).

Real predictions on a real set: the Wisconsin diagnostic breast cancer data (569 tumours,
scikit-learn's bundled copy), where "malignant" is the positive class (1). Two models give
out-of-fold scores by 5-fold cross-validation: a logistic regression on standardised features
(well calibrated) and a Gaussian naive Bayes on three features (over-confident, and, rounded
to one decimal, full of tied scores). Nothing is downloaded.
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 20260513


def main():
    X, y = load_breast_cancer(return_X_y=True)
    y = 1 - y  # scikit-learn codes malignant as 0; here malignant is the positive class
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    logistic = make_pipeline(StandardScaler(), LogisticRegression(C=0.05, max_iter=1000))
    p_logistic = cross_val_predict(logistic, X, y, cv=folds, method="predict_proba")[:, 1]
    p_bayes = cross_val_predict(GaussianNB(), X[:, [1, 4, 8]], y, cv=folds, method="predict_proba")[
        :, 1
    ]
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    np.save(here / "data/y.npy", y.astype(np.int64))
    np.save(here / "data/p_logistic.npy", p_logistic)
    np.save(here / "data/p_bayes.npy", np.clip(p_bayes, 1e-6, 1 - 1e-6))


if __name__ == "__main__":
    main()
