import numpy as np
import torch
from torch import nn

import report

_trained = {}  # keep the trained model here: the grader calls your functions one after another


def pick_device():
    return "cuda" if torch.cuda.is_available() else "cpu"


class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=2048, n_out=10):
        super().__init__()
        # TODO: Linear(n_in, n_hidden) → ReLU → Linear(n_hidden, n_hidden) → ReLU → Linear(n_hidden, n_out)
        self.n_out = n_out

    def forward(self, x):
        return torch.zeros(len(x), self.n_out)


def train(X_train, y_train, hidden=2048, epochs=6, batch=256):
    """Train on pick_device(); keep the model (on the CPU, in eval mode); return its parameter count."""
    model = MLP(n_hidden=hidden)
    _trained["fp32"] = model
    return 0  # TODO


def quantise():
    """Quantise the trained model's Linear layers to int8; return how many Linear layers are int8."""
    return 0  # TODO


def predict_fp32(X_test):
    return np.zeros(len(X_test), dtype=int)  # TODO


def predict_int8(X_test):
    return np.zeros(len(X_test), dtype=int)  # TODO
