"""data/ and hidden/ for transfer-learning-frozen-features, from Debian's Fashion-MNIST
(`apt-get install dataset-fashion-mnist`, /usr/share/datasets/fashion-mnist).

Task A (pretraining, done here): the five classes 0–4 (T-shirt/top, trouser, pullover, dress,
coat), 1000 training images each, 28×28. The small CNN of reference/solution.py (SmallCNN:
three conv-BN-ReLU blocks, average pooling to 3×3, a 5-way linear head) is trained for four
epochs of Adam with a fixed seed; its state_dict is data/backbone.pt (about 110 KB).

Task B (the learner's): the other five classes 5–9 (sandal, shirt, sneaker, bag, ankle boot),
relabelled 0–4: 5 training images per class (data/X_train.npy, data/y_train.npy) and 200
test images per class from the official test file (data/X_test.npy, hidden/y_test.npy). The
pretraining never saw them.

Run: python generate.py   (needs torch; the default sandbox image has it)
"""

import gzip
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

HERE = Path(__file__).resolve().parent
SOURCE = Path("/usr/share/datasets/fashion-mnist")
SEED = 20261201
PRETRAIN_CLASSES = [0, 1, 2, 3, 4]
NEW_CLASSES = [5, 6, 7, 8, 9]

sys.path.insert(0, str(HERE / "reference"))
from solution import SmallCNN  # noqa: E402  (the given model, as the learner has it)


def load(split):
    with gzip.open(SOURCE / f"{split}-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(SOURCE / f"{split}-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
    return images, labels


def subset(rng, images, labels, classes, per_class):
    rows = np.concatenate(
        [rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in classes]
    )
    rng.shuffle(rows)
    relabel = {c: i for i, c in enumerate(classes)}
    return images[rows], np.array([relabel[c] for c in labels[rows]], dtype=np.int64)


def pretrain(X, y, epochs=4, batch=64):
    torch.manual_seed(SEED)
    model = SmallCNN(num_classes=len(PRETRAIN_CLASSES))
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    X = torch.as_tensor(X, dtype=torch.float32).unsqueeze(1) / 255.0
    y = torch.as_tensor(y)
    for epoch in range(epochs):
        model.train()
        for rows in torch.randperm(len(y)).split(batch):
            optimizer.zero_grad()
            loss = nn.functional.cross_entropy(model(X[rows]), y[rows])
            loss.backward()
            optimizer.step()
        print("epoch", epoch + 1, "loss", loss.item())
    return model.eval()


def main():
    rng = np.random.default_rng(SEED)
    train_images, train_labels = load("train")
    test_images, test_labels = load("t10k")
    XA, yA = subset(rng, train_images, train_labels, PRETRAIN_CLASSES, 1000)
    XA_test, yA_test = subset(rng, test_images, test_labels, PRETRAIN_CLASSES, 200)
    model = pretrain(XA, yA)
    with torch.no_grad():
        x = torch.as_tensor(XA_test, dtype=torch.float32).unsqueeze(1) / 255.0
        print("task A test accuracy", float((model(x).argmax(1).numpy() == yA_test).mean()))
    (HERE / "data").mkdir(exist_ok=True)
    (HERE / "hidden").mkdir(exist_ok=True)
    torch.save(model.state_dict(), HERE / "data" / "backbone.pt")

    X_train, y_train = subset(rng, train_images, train_labels, NEW_CLASSES, 5)
    X_test, y_test = subset(rng, test_images, test_labels, NEW_CLASSES, 200)
    np.save(HERE / "data" / "X_train.npy", X_train)
    np.save(HERE / "data" / "y_train.npy", y_train)
    np.save(HERE / "data" / "X_test.npy", X_test)
    np.save(HERE / "hidden" / "y_test.npy", y_test)


if __name__ == "__main__":
    main()
