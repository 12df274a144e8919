"""Trusted: the expected fit is scikit-learn's own LogisticRegression (reference run only).

Minimising  mean log loss + lam/2 ||w||²  is scikit-learn's  C·Σ log loss + ½||w||²  with
C = 1 / (lam · n); the intercept is not penalised in either.
"""

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss as sklearn_log_loss


def fit(X, y, lam):
    model = LogisticRegression(C=1.0 / (lam * len(y)), tol=1e-12, max_iter=100_000)
    model.fit(X, y)
    return (model.coef_.ravel().astype(float), float(model.intercept_[0]))


def log_loss(y, p):
    return float(sklearn_log_loss(y, p, labels=[0, 1]))
