"""Correlated data sets for covariance-eigenvectors. Runs in the worker only."""


def _dataset(rng, n, d):
    mixing = rng.normal(size=(d, d)) * rng.uniform(0.3, 3.0, size=d)
    return rng.normal(size=(n, d)) @ mixing + rng.uniform(-5, 5, size=d)


def datasets(rng):
    return [{"args": [_dataset(rng, n, d)]} for n, d in [(50, 3), (200, 5), (12, 4), (30, 2)]]


def datasets_with_k(rng):
    return [
        {"args": [_dataset(rng, n, d), k]} for n, d, k in [(100, 4, 2), (300, 6, 3), (40, 3, 3)]
    ]


# --- What the figure must show (the `figure` check's `shows`; worker/judge/figures.py) ----------

FIRST_AXIS, SECOND_AXIS = "#d62728", "#2ca02c"  # red and green
ANGLE_TOLERANCE = 6.0  # degrees
LENGTH_TOLERANCE = 0.35  # the ratio of the arrows' lengths may be off by this share


def _angle(vector):
    """Angle of a direction in degrees, in [0, 180): a direction has no sign."""
    import numpy as np

    return float(np.degrees(np.arctan2(vector[1], vector[0])) % 180.0)


def _gap(a, b):
    gap = abs(a - b) % 180.0
    return min(gap, 180.0 - gap)


def principal_axes(figure, X, path=None):
    """None when the figure shows both principal axes of X as the statement asks: the first
    in red, the second in green, along the eigenvectors (in the data's own angles, which an
    equal aspect keeps), the red one longer by the ratio of the standard deviations."""
    import numpy as np

    from worker.judge.figures import direction

    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / (len(X) - 1))
    wanted = [(vectors[:, 1], values[1]), (vectors[:, 0], values[0])]
    drawn = []
    for (vector, _), colour, which in zip(
        wanted, (FIRST_AXIS, SECOND_AXIS), ("first", "second"), strict=True
    ):
        marks = figure.marks(colour)
        if len(marks) < 2:
            return (
                f"nothing in it is drawn in {colour}, the colour of the {which} principal axis "
                f"({'red' if which == 'first' else 'green'})"
            )
        seen, length = direction(marks)
        # Images have y growing downwards: the data's direction (dx, dy) is drawn as (dx, -dy).
        got, expected = _angle((seen[0], -seen[1])), _angle(vector)
        if _gap(got, expected) > ANGLE_TOLERANCE:
            return (
                f"its {which} axis ({colour}) is drawn at {got:.0f}° and the data's {which} "
                f"principal axis is at {expected:.0f}° (counter-clockwise from the x axis). "
                "Draw along the eigenvector, a column of the eigenvector matrix, with an equal "
                "aspect so that the picture keeps the data's angles"
            )
        drawn.append(length)
    want = float(np.sqrt(values[1] / values[0]))
    got = drawn[0] / max(drawn[1], 1e-9)
    if abs(got / want - 1.0) > LENGTH_TOLERANCE:
        return (
            f"its red arrow is {got:.2f}× as long as the green one, and with lengths "
            f"proportional to the standard deviation along each axis it should be {want:.2f}×"
        )
    return None
