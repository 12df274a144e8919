import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402, F401
import numpy as np  # noqa: E402
from sklearn.manifold import TSNE  # noqa: E402, F401


def embed(X, perplexity=30.0, seed=0):
    """A 2-D t-SNE embedding of the rows of X: an (n, 2) array."""
    return np.zeros((len(X), 2))  # TODO


def plot_embedding(E, y, path):
    """Scatter the 2-D points E, each in the tab10 colour of its digit y[i]; save a PNG at path."""
    # TODO


def digits_map(X, y, path):
    """Embed the digits X, save their plot coloured by y at path, and return the embedding."""
    return embed(X)  # TODO
