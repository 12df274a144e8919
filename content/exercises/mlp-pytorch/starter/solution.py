import numpy as np
import torch
from torch import nn

import report


class MLP(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        # TODO: two nn.Linear layers
        self.n_out = n_out

    def forward(self, x):
        return torch.zeros(len(x), self.n_out)  # TODO: logits from Linear → ReLU → Linear


def train_and_predict(X_train, y_train, X_test):
    """Train an MLP on (X_train, y_train); return one predicted digit per row of X_test."""
    model = MLP(X_train.shape[1], 64, 10)
    # TODO: an optimizer, a loss, and a loop over epochs and mini-batches with report.log(epoch=..., loss=...)
    return np.zeros(len(X_test), dtype=int)
