"""Wrong: predictions from a k-NN, and train returns an MLP that was never trained."""

import report
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.out = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


def train_step(model, optimizer, X, y):
    """One update on the batch (X, y); the batch's loss before the update."""
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def train_and_predict(X_train, y_train, X_test, k=3):
    """A 3-nearest-neighbour vote in torch: it scores well, but it is not the network."""
    A = torch.tensor(X_train, dtype=torch.float32)
    B = torch.tensor(X_test, dtype=torch.float32)
    votes = torch.tensor(y_train)[torch.cdist(B, A).topk(k, largest=False).indices]
    return votes.mode(dim=1).values.numpy()


def train(X_train, y_train, epochs=12, batch=500):
    """The trained MLP; the grader predicts with its weights on X_test / 255."""
    X = torch.tensor(X_train / 255.0, dtype=torch.float32)
    y = torch.tensor(y_train, dtype=torch.long)
    model = MLP(X.shape[1], 64, 10)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-2)
    report.log(epoch=1, loss=2.3)  # the predictions come from train_and_predict
    return model
