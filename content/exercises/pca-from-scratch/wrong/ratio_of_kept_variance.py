import numpy as np


def pca(X, k):
    centred = X - X.mean(axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:k]
    biggest = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), biggest])[:, None]
    variance = singular**2 / (len(X) - 1)
    return components, variance[:k], variance[:k] / variance[:k].sum()  # share of the kept components only


def project_2d(X):
    components, _, _ = pca(X, 2)
    return (X - X.mean(axis=0)) @ components.T
