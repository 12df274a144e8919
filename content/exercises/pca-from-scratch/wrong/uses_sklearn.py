import numpy as np
from sklearn.decomposition import PCA


def pca(X, k):
    model = PCA(n_components=k).fit(X)
    components = model.components_
    biggest = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), biggest])[:, None]
    return components, model.explained_variance_, model.explained_variance_ratio_


def project_2d(X):
    components, _, _ = pca(X, 2)
    return (X - X.mean(axis=0)) @ components.T
