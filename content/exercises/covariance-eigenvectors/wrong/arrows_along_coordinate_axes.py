"""Wrong: draws the spread along x and along y, not along the principal axes."""

import numpy as np


def covariance(X):
    centered = X - X.mean(axis=0)
    return centered.T @ centered / (len(X) - 1)


def top_eigenvectors(X, k):
    values, vectors = np.linalg.eigh(covariance(X))
    order = np.argsort(values)[::-1][:k]
    values, vectors = values[order], vectors[:, order]
    biggest = np.abs(vectors).argmax(axis=0)
    signs = np.sign(vectors[biggest, np.arange(vectors.shape[1])])
    return values, vectors * signs


def plot_principal_axes(X, path):
    """Scatter X in grey and draw each principal axis from the mean, two standard deviations
    long: the first red, the second green. Written as SVG by hand (same scale on both axes)."""
    values, vectors = top_eigenvectors(X, 2)
    mean = X.mean(axis=0)
    spread = X.std(axis=0, ddof=1)
    tips = [mean + 2 * spread[0] * np.array([1.0, 0.0]), mean + 2 * spread[1] * np.array([0.0, 1.0])]
    everything = np.vstack([X, *tips, *[2 * mean - t for t in tips]])
    low, high = everything.min(axis=0), everything.max(axis=0)
    size, margin = 480.0, 20.0
    scale = (size - 2 * margin) / (high - low).max()  # one scale: angles stay the data's

    def at(point):
        return margin + (point[0] - low[0]) * scale, size - margin - (point[1] - low[1]) * scale

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size:g}" height="{size:g}">']
    parts.append(f'<rect width="{size:g}" height="{size:g}" fill="#ffffff"/>')
    for point in X:
        x, y = at(point)
        parts.append(f'<circle cx="{x:.2f}" cy="{y:.2f}" r="2.5" fill="#999999"/>')
    for tip, colour in zip(tips, ("#d62728", "#2ca02c"), strict=True):
        (x0, y0), (x1, y1) = at(mean), at(tip)
        parts.append(
            f'<line x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}" y2="{y1:.2f}" '
            f'stroke="{colour}" stroke-width="3"/>'
        )
    parts.append("</svg>")
    with open(path, "w") as handle:
        handle.write("\n".join(parts))
    return [[*mean, *tip] for tip in tips]
