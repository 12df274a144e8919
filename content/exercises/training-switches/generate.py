"""data/ and hidden/ from Debian's Fashion-MNIST (`apt-get install dataset-fashion-mnist`).

The same recipe as fashion-mnist-training-loop (whose `load`, `shrink` and `subset` this
reuses), with its own seed: a class-balanced subset of 3000 images from the official
training file, split into 2400 for training and 600 for validation, and 1000 from the
official test file, each 28×28 image averaged over 2×2 blocks to 14×14 (uint8, 0–255).
The test labels go to hidden/.

Run: python generate.py
"""

import importlib.util
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
SEED = 20260504


def _fashion_mnist():
    path = HERE.parent / "fashion-mnist-training-loop" / "generate.py"
    spec = importlib.util.spec_from_file_location("fashion_mnist_generate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(here: Path = HERE, seed: int = SEED, validation: int = 600):
    fm = _fashion_mnist()
    rng = np.random.default_rng(seed)
    X, y = fm.subset(rng, *fm.load("train"), 300)
    X_test, y_test = fm.subset(rng, *fm.load("t10k"), 100)
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    np.save(here / "data" / "X_train.npy", X[:-validation])
    np.save(here / "data" / "y_train.npy", y[:-validation])
    np.save(here / "data" / "X_val.npy", X[-validation:])
    np.save(here / "data" / "y_val.npy", y[-validation:])
    np.save(here / "data" / "X_test.npy", X_test)
    np.save(here / "hidden" / "y_test.npy", y_test)


if __name__ == "__main__":
    main()
