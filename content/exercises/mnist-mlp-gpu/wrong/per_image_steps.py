import numpy as np
import report
import torch
from torch import nn


def pick_device():
    return "cuda" if torch.cuda.is_available() else "cpu"


class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.drop = nn.Dropout(0.2)
        self.out = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        return self.out(self.drop(torch.relu(self.hidden(x))))


def train_and_predict(X_train, y_train, X_test, epochs=3):
    device = pick_device()
    model = MLP().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for i in np.random.permutation(len(y_train)):
            # One image at a time, copied to the device on every step, and a .item() each
            # step that makes the CPU wait for the GPU: thousands of tiny, serialised steps.
            x = torch.tensor(X_train[i : i + 1], dtype=torch.float32).to(device) / 255.0
            y = torch.tensor(y_train[i : i + 1]).to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item()
        report.log(epoch=epoch + 1, loss=total / len(y_train))
    model.eval()
    with torch.no_grad():
        logits = model(torch.tensor(X_test, dtype=torch.float32).to(device) / 255.0)
    return logits.argmax(dim=1).cpu().numpy()
