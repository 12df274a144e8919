import numpy as np
import torch
from torch import nn

import report


def pick_device():
    """"cuda" when a GPU is available, else "cpu"."""
    return "cpu"  # TODO


class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__()
        # TODO: Linear(n_in, n_hidden) -> ReLU -> Linear(n_hidden, n_out)
        self.n_out = n_out

    def forward(self, x):
        return torch.zeros(len(x), self.n_out, device=x.device)  # TODO: the logits


def train_and_predict(X_train, y_train, X_test):
    """Train on (X_train, y_train) on pick_device(); return one predicted digit per row of X_test."""
    device = pick_device()
    model = MLP().to(device)
    # TODO: move the data to the device once, then train in mini-batches;
    # report.log(epoch=..., loss=...) once per epoch.
    return np.zeros(len(X_test), dtype=int)
