"""Writes data/ and hidden/ for onnx-export-parity. Run at authoring time, in the `dl` sandbox
image so the ONNX file is written by the torch and onnx the grader runs:
    docker run --rm --network none --user 0 -e OMP_NUM_THREADS=1 -v "$PWD":/pkg -w /pkg \
        --entrypoint python3 backprop-sandbox-dl:<tag> generate.py

The data are scikit-learn's bundled 8×8 handwritten digits (1,797 images from the UCI
repository), pixels scaled from 0–16 to 0–1, shuffled with a fixed seed and split:
1,197 images train the two networks, 300 are data/X_bench.npy (the latency benchmark) and
300 are hidden/X_check.npy (the parity check's inputs, never shipped).

- data/tinynet.pt: the state dict of the given TinyNet (64 → 128, BatchNorm, ReLU,
  Dropout 0.3, → 10) after 40 epochs of Adam: the model the learner exports.
- data/other_net.onnx: a second TinyNet (another seed, 5 epochs), exported here with a
  dynamic batch axis: the grader runs the learner's run_onnx() on it, so an answer that
  does not come from the file given cannot match.
"""

import contextlib
import io
from pathlib import Path

import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(64, 128),
            nn.BatchNorm1d(128),
            nn.ReLU(),
            nn.Dropout(0.3),
            nn.Linear(128, 10),
        )

    def forward(self, x):
        return self.layers(x)


def train(X, y, seed, epochs):
    torch.manual_seed(seed)
    model = TinyNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    X, y = torch.from_numpy(X), torch.from_numpy(y)
    for _ in range(epochs):
        model.train()
        for rows in torch.randperm(len(y)).split(64):
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(X[rows]), y[rows]).backward()
            optimizer.step()
    model.eval()
    with torch.inference_mode():
        print(f"seed {seed}: training accuracy {(model(X).argmax(1) == y).float().mean():.3f}")
    return model


def main():
    torch.set_num_threads(1)
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    (here / "hidden").mkdir(exist_ok=True)
    X, y = load_digits(return_X_y=True)
    order = np.random.default_rng(7).permutation(len(y))
    X, y = (X[order] / 16.0).astype(np.float32), y[order].astype(np.int64)
    X_train, y_train = X[:1197], y[:1197]
    np.save(here / "data/X_bench.npy", X[1197:1497])
    np.save(here / "hidden/X_check.npy", X[1497:])

    given = train(X_train, y_train, seed=0, epochs=40)
    torch.save(given.state_dict(), here / "data/tinynet.pt")

    other = train(X_train, y_train, seed=1, epochs=5)
    with contextlib.redirect_stdout(io.StringIO()):  # the exporter's progress lines
        torch.onnx.export(
            other,
            (torch.zeros(4, 64),),
            here / "data/other_net.onnx",
            input_names=["x"],
            output_names=["logits"],
            dynamic_shapes={"x": {0: "batch"}},
            external_data=False,
        )


if __name__ == "__main__":
    main()
