"""Writes data/ for tsne-embedding-plot. Run: python generate.py (scikit-learn only, no download)

Real data: scikit-learn's bundled handwritten digits (UCI optdigits, 8×8 images of 1,797
digits). We keep 50 images of each digit, drawn with a fixed seed, in their original order:

- digits_X.npy: 500 × 64 pixel intensities 0–16 (float64); digits_y.npy: their digits;
- digits_tsne.npy: a t-SNE embedding of digits_X (perplexity 30, PCA start, random_state 0)
  and digits_pca.npy: their first two principal components: the 2-D layouts that
  plot_embedding is asked to draw.
"""

from pathlib import Path

import numpy as np

SEED = 20260512


def main(here: Path = Path(__file__).parent):
    from sklearn.datasets import load_digits
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    digits = load_digits()
    rng = np.random.default_rng(SEED)
    keep = np.sort(
        np.concatenate(
            [rng.choice(np.flatnonzero(digits.target == c), 50, replace=False) for c in range(10)]
        )
    )
    X, y = digits.data[keep].astype(np.float64), digits.target[keep].astype(np.int64)
    (here / "data").mkdir(exist_ok=True)
    np.save(here / "data/digits_X.npy", X)
    np.save(here / "data/digits_y.npy", y)
    tsne = TSNE(n_components=2, perplexity=30.0, init="pca", random_state=0).fit_transform(X)
    np.save(here / "data/digits_tsne.npy", tsne.astype(np.float64))
    np.save(here / "data/digits_pca.npy", PCA(n_components=2).fit_transform(X))


if __name__ == "__main__":
    main()
