"""data/ and hidden/: a seeded, synthetic cell-segmentation set (NumPy only).

Each 32×32 grey image imitates a fluorescence micrograph: an uneven, smoothly varying
illumination, Gaussian noise, and 3–7 "cells" (ellipses of 1.5–5 pixel radii, some of them
touching) plus 0–2 thin "filaments" (one to two pixels wide), all brighter than their
surroundings by a varying amount. The mask marks every pixel inside a cell or a filament.
Nothing is downloaded: the same seed gives the same files.

Writes data/X_train.npy (400, 32, 32) uint8, data/y_train.npy (400, 32, 32) uint8 masks,
data/X_test.npy (150, 32, 32) and hidden/y_test.npy (150, 32, 32).

Run: python generate.py
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
SEED = 20260510
SIZE = 32


def _illumination(rng, yy, xx):
    a, b, c = rng.uniform(-0.009, 0.009, size=3)
    cy, cx = rng.uniform(0, SIZE, size=2)
    return 0.35 + a * (yy - cy) + b * (xx - cx) + c * ((yy - cy) ** 2 + (xx - cx) ** 2) / SIZE


def sample(rng):
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64)
    image = _illumination(rng, yy, xx)
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    for _ in range(rng.integers(3, 8)):
        cy, cx = rng.uniform(2, SIZE - 2, size=2)
        ry, rx = rng.uniform(1.5, 5.0, size=2)
        angle = rng.uniform(0, np.pi)
        dy, dx = yy - cy, xx - cx
        u = dy * np.cos(angle) + dx * np.sin(angle)
        v = -dy * np.sin(angle) + dx * np.cos(angle)
        cell = (u / ry) ** 2 + (v / rx) ** 2 <= 1.0
        mask |= cell
        image = image + cell * rng.uniform(0.15, 0.4)
    for _ in range(rng.integers(0, 3)):
        (y0, x0), (y1, x1) = rng.uniform(0, SIZE, size=(2, 2))
        width = rng.uniform(0.5, 1.0)
        length = np.hypot(y1 - y0, x1 - x0) + 1e-9
        t = np.clip(((yy - y0) * (y1 - y0) + (xx - x0) * (x1 - x0)) / length**2, 0, 1)
        distance = np.hypot(yy - (y0 + t * (y1 - y0)), xx - (x0 + t * (x1 - x0)))
        filament = distance <= width
        mask |= filament
        image = image + filament * rng.uniform(0.18, 0.35)
    image = image + rng.normal(0, 0.12, size=image.shape)
    return np.clip(np.rint(image * 255), 0, 255).astype(np.uint8), mask.astype(np.uint8)


def make(rng, n):
    pairs = [sample(rng) for _ in range(n)]
    return np.stack([p[0] for p in pairs]), np.stack([p[1] for p in pairs])


def main(here: Path = HERE, seed: int = SEED, n_train: int = 400, n_test: int = 150):
    rng = np.random.default_rng(seed)
    X_train, y_train = make(rng, n_train)
    X_test, y_test = make(rng, n_test)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data" / "X_train.npy", X_train)
    np.save(here / "data" / "y_train.npy", y_train)
    np.save(here / "data" / "X_test.npy", X_test)
    np.save(here / "hidden" / "y_test.npy", y_test)


if __name__ == "__main__":
    main()
