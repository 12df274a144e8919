import report
import torch
from torch import nn


def pick_device():
    """The GPU when there is one, else the CPU (the grader's CPU smoke run has none)."""
    return "cuda" if torch.cuda.is_available() else "cpu"


class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.drop = nn.Dropout(0.2)
        self.out = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        return self.out(self.drop(torch.relu(self.hidden(x))))


def train_and_predict(X_train, y_train, X_test, epochs=10, batch=64):
    device = pick_device()
    # The whole data set fits on the device: move it once, not one batch at a time.
    X = torch.tensor(X_train, dtype=torch.float32, device=device) / 255.0
    y = torch.tensor(y_train, dtype=torch.long, device=device)
    model = MLP().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        total = torch.zeros((), device=device)
        for rows in torch.randperm(len(y), device=device).split(batch):
            optimizer.zero_grad()
            loss = loss_fn(model(X[rows]), y[rows])
            loss.backward()
            optimizer.step()
            total += loss.detach() * len(rows)
        report.log(epoch=epoch + 1, loss=(total / len(y)).item())  # one sync per epoch
    model.eval()
    with torch.no_grad():
        logits = model(torch.tensor(X_test, dtype=torch.float32, device=device) / 255.0)
    return logits.argmax(dim=1).cpu().numpy()
