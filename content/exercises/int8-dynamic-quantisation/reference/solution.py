import report
import torch
from torch import nn
from torch.ao.nn.quantized.dynamic import Linear as DynamicLinear
from torch.ao.quantization import quantize_dynamic

_trained = {}  # the model of train(), kept for the next calls


def pick_device():
    return "cuda" if torch.cuda.is_available() else "cpu"


class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=2048, n_out=10):
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


def train(X_train, y_train, hidden=2048, epochs=6, batch=256):
    """Train on the GPU (when there is one); keep the model; return its parameter count."""
    device = pick_device()
    X = torch.tensor(X_train, dtype=torch.float32, device=device) / 255.0
    y = torch.tensor(y_train, dtype=torch.long, device=device)
    model = MLP(n_hidden=hidden).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        for rows in torch.randperm(len(y), device=device).split(batch):
            optimizer.zero_grad()
            loss = loss_fn(model(X[rows]), y[rows])
            loss.backward()
            optimizer.step()
        report.log(epoch=epoch + 1, loss=loss.item())
    # Served on a CPU: int8 dynamic quantisation is a CPU kernel (fbgemm / qnnpack).
    _trained["fp32"] = model.cpu().eval()
    return sum(p.numel() for p in model.parameters())


def quantise():
    """Quantise the trained model's Linear layers to int8; return how many are int8 now."""
    _trained["int8"] = quantize_dynamic(_trained["fp32"], {nn.Linear}, dtype=torch.qint8)
    return sum(isinstance(m, DynamicLinear) for m in _trained["int8"].modules())


def _predict(model, X):
    with torch.inference_mode():
        return model(torch.tensor(X, dtype=torch.float32) / 255.0).argmax(dim=1).numpy()


def predict_fp32(X_test):
    return _predict(_trained["fp32"], X_test)


def predict_int8(X_test):
    return _predict(_trained["int8"], X_test)
