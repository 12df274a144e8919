import numpy as np
from sklearn.decomposition import PCA


def covariance(X):
    centered = X - X.mean(axis=0)
    return centered.T @ centered / (len(X) - 1)


def top_eigenvectors(X, k):
    pca = PCA(n_components=k).fit(X)
    vectors = pca.components_.T
    biggest = np.abs(vectors).argmax(axis=0)
    return pca.explained_variance_, vectors * np.sign(vectors[biggest, np.arange(k)])
