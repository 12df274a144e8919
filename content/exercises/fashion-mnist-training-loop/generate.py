"""data/ and hidden/ from Debian's Fashion-MNIST (`apt-get install dataset-fashion-mnist`).

A seeded, class-balanced subset: 3000 training images from the official training file and
1000 test images from the official test file, each 28×28 image averaged over 2×2 blocks to
14×14 (uint8, 0–255) so the package stays small. Other packages (training-switches,
transfer-learning-small-cnn) reuse `load` and `subset`.

Run: python generate.py
"""

import gzip
from pathlib import Path

import numpy as np

SOURCE = Path("/usr/share/datasets/fashion-mnist")
SEED = 20260503
CLASSES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]  # fmt: skip


def load(split: str) -> tuple[np.ndarray, np.ndarray]:
    """Images (n, 28, 28) uint8 and labels (n,) of `train` or `t10k`, from the idx files."""
    with gzip.open(SOURCE / f"{split}-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(SOURCE / f"{split}-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
    return images, labels


def shrink(images: np.ndarray) -> np.ndarray:
    """28×28 → 14×14 by the mean of each 2×2 block, rounded back to uint8."""
    blocks = images.reshape(-1, 14, 2, 14, 2).astype(np.float64).mean(axis=(2, 4))
    return np.rint(blocks).astype(np.uint8)


def subset(rng, images, labels, per_class: int) -> tuple[np.ndarray, np.ndarray]:
    rows = np.concatenate(
        [rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in range(10)]
    )
    rng.shuffle(rows)
    return shrink(images[rows]), labels[rows]


def main(here: Path, per_class_train: int = 300, per_class_test: int = 100, seed: int = SEED):
    rng = np.random.default_rng(seed)
    X_train, y_train = subset(rng, *load("train"), per_class_train)
    X_test, y_test = subset(rng, *load("t10k"), per_class_test)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data" / "X_train.npy", X_train)
    np.save(here / "data" / "y_train.npy", y_train)
    np.save(here / "data" / "X_test.npy", X_test)
    np.save(here / "hidden" / "y_test.npy", y_test)


if __name__ == "__main__":
    main(Path(__file__).parent)
