"""Trusted: the expected kernel matrix is scikit-learn's own rbf_kernel (reference run only)."""

from sklearn.metrics.pairwise import rbf_kernel as sklearn_rbf_kernel


def rbf_kernel(A, B, gamma):
    return sklearn_rbf_kernel(A, B, gamma=gamma)
