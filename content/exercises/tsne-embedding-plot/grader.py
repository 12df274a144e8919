"""Cases, the embedding's property check and what the figure must show, for
tsne-embedding-plot. Worker only (trusted).

An embedding passes when it keeps neighbours: scikit-learn's trustworthiness (5 neighbours)
of the learner's 2-D points against the 64-pixel digits reaches what t-SNE reaches, with a
margin; PCA, or an embedding of the labels, stays far below.

A figure passes when each digit is drawn in its tab10 colour and where the embedding puts it:
per digit, the median image position of the pixels in that colour must follow the median
position of that digit's points along each axis (x to the right, y upwards), a straight-line
fit explaining almost all of it. A plot in one colour, colours shuffled or assigned to the
wrong digits, or points drawn anywhere else, fails.
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
TAB10 = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
]
COLOUR_TOLERANCE = 30.0  # RGB distance: antialiased edges blend towards white, not another colour
MIN_PIXELS = 30
MIN_FIT = 0.9  # R² of the straight-line fit of image medians on data medians, per axis
NEIGHBOURS = 5


def digit_sets(rng):
    X = np.load(HERE / "data/digits_X.npy")
    small = np.sort(rng.choice(len(X), 25, replace=False))
    medium = np.sort(rng.choice(len(X), 150, replace=False))
    return [{"args": [X[medium]]}, {"args": [X[small]]}]


def floor_for(n):
    """The trustworthiness an embedding of n digits must reach (t-SNE: 0.99 on 500 digits,
    0.98 on 150, 0.91 on 25; the first two principal components: 0.80–0.84)."""
    return 0.95 if n >= 100 else 0.88


def keeps_neighbours(value, X, *args, **kwargs):
    """None when value is an (n, 2) embedding of X that keeps its neighbours, else why."""
    from sklearn.manifold import trustworthiness

    try:
        E = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return f"returned {type(value).__name__}, not an array of numbers"
    if E.shape != (len(X), 2):
        return (
            f"returned an array of shape {E.shape}; expected one 2-D point per row, ({len(X)}, 2)"
        )
    if not np.isfinite(E).all():
        return "returned values that contain NaN or infinity"
    score = float(trustworthiness(X, E, n_neighbors=NEIGHBOURS))
    need = floor_for(len(X))
    if score < need:
        return (
            f"gave an embedding whose trustworthiness ({NEIGHBOURS} neighbours) is {score:.3f}; "
            f"it must reach {need:g}. Points that are neighbours in 2-D are not neighbours "
            "among the 64 pixel features: embed the features X (not the labels) with t-SNE"
        )
    return None


def _medians(points):
    return np.median(points, axis=0)


def _fit(data, image):
    """R² and slope of the straight line through (data, image)."""
    slope, intercept = np.polyfit(data, image, 1)
    residual = image - (slope * data + intercept)
    total = ((image - image.mean()) ** 2).sum()
    return (1.0 - (residual**2).sum() / total if total > 0 else 0.0), slope


def coloured_by_digit(figure, E, y, path=None):
    """None when the figure draws the points E, each in the tab10 colour of its digit."""
    E, y = np.asarray(E, dtype=float), np.asarray(y)
    data, image = [], []
    for digit, colour in enumerate(TAB10):
        marks = figure.marks(colour, tolerance=COLOUR_TOLERANCE)
        if len(marks) < MIN_PIXELS:
            return (
                f"nothing in it is drawn in {colour}, the tab10 colour of the digit {digit}: colour "
                "each point by its label (matplotlib's default colour cycle, or c=y with "
                "cmap='tab10'), with opaque markers"
            )
        data.append(_medians(E[y == digit]))
        image.append(_medians(marks))
    data, image = np.array(data), np.array(image)
    for axis, name, sign in ((0, "horizontal", 1.0), (1, "vertical", -1.0)):
        r2, slope = _fit(data[:, axis], image[:, axis])
        if r2 < MIN_FIT or slope * sign <= 0:
            return (
                f"its colours are not where the digits are: along the {name} axis the middle of "
                f"each colour follows the middle of that digit's points with R² = {r2:.2f} "
                f"(at least {MIN_FIT:g} is needed). Draw E[:, 0] across and E[:, 1] up, "
                "each point in the tab10 colour of its own digit y[i], with opaque markers "
                "(alpha blends a colour with what lies under it) and no colour bar"
            )
    return None
