import report
import torch
from torch import nn


def pick_device():
    return "cuda" if torch.cuda.is_available() else "cpu"


class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=4096, n_out=10):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(n_in, n_hidden),
            nn.ReLU(),
            nn.Linear(n_hidden, n_hidden),
            nn.ReLU(),
            nn.Linear(n_hidden, n_out),
        )

    def forward(self, x):
        return self.layers(x)


def _train(X_train, y_train, X_test, *, amp, hidden, steps, batch):
    device = pick_device()
    dtype = torch.float16 if amp else torch.float32
    # Half precision everywhere: the data, the weights, the gradients and Adam's state.
    X = (torch.tensor(X_train, dtype=torch.float32, device=device) / 255.0).to(dtype)
    y = torch.tensor(y_train, dtype=torch.long, device=device)
    model = MLP(n_hidden=hidden).to(device=device, dtype=dtype)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    scaler = torch.amp.GradScaler(device, enabled=False)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for step in range(steps):
        rows = torch.randint(0, len(y), (batch,), device=device)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(X[rows]), y[rows])
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        if (step + 1) % 50 == 0:
            report.log(step=step + 1, loss=loss.item(), amp=int(amp))
    model.eval()
    with torch.no_grad():
        logits = model((torch.tensor(X_test, dtype=torch.float32, device=device) / 255.0).to(dtype))
    return logits.float().argmax(dim=1).cpu().numpy()


def train_fp32(X_train, y_train, X_test, hidden=4096, steps=200, batch=1024):
    return _train(X_train, y_train, X_test, amp=False, hidden=hidden, steps=steps, batch=batch)


def train_amp(X_train, y_train, X_test, hidden=4096, steps=200, batch=1024):
    return _train(X_train, y_train, X_test, amp=True, hidden=hidden, steps=steps, batch=batch)


def amp_logits_dtype(X):
    """The dtype of the logits of a forward pass under your autocast, as text."""
    device = pick_device()
    model = MLP(n_hidden=64).to(device=device, dtype=torch.float16)
    x = (torch.tensor(X, dtype=torch.float32, device=device) / 255.0).half()
    with torch.no_grad():
        logits = model(x)
    return str(logits.dtype)
