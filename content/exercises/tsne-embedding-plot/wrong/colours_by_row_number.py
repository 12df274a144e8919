import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.manifold import TSNE  # noqa: E402


def embed(X, perplexity=30.0, seed=0):
    """A 2-D t-SNE embedding of the rows of X (the features, never the labels)."""
    X = np.asarray(X, dtype=float)
    # t-SNE needs perplexity < n; on a small set fall back to a third of the other points
    perplexity = min(perplexity, (len(X) - 1) / 3)
    model = TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed)
    return model.fit_transform(X)


def plot_embedding(E, y, path):
    """Scatter the 2-D points E, each in the tab10 colour of its digit, and save a PNG."""
    E, y = np.asarray(E, dtype=float), np.asarray(y)
    fig, ax = plt.subplots(figsize=(6, 6), dpi=100)
    colours = plt.get_cmap("tab10")
    for digit in range(10):
        mine = np.arange(len(E)) % 10 == digit  # every tenth row, not every digit
        ax.scatter(E[mine, 0], E[mine, 1], s=12, color=colours(digit), label=str(digit))
    ax.legend(title="digit", fontsize=7, markerscale=1.5, loc="best")
    ax.set_title("500 handwritten digits, 64 pixels each, in two dimensions")
    fig.savefig(path)
    plt.close(fig)
    return path


def digits_map(X, y, path):
    """Embed the digits' pixels, plot them coloured by digit at path, return the embedding."""
    E = embed(X)
    plot_embedding(E, y, path)
    return E
