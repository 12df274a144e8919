"""WRONG: the half cosine spans T_max + 1 steps, so the last rate stays above
eta_min."""

import math

import report
import torch
from torch import nn, optim
from torch.nn import functional as F

# The first optimizer a process builds imports part of PyTorch's compiler (seconds on one
# CPU); building one here puts that on the import's clock instead of your first epoch's.
optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1)

# --- The four switches -------------------------------------------------------------------


def cosine_lr(t, base_lr, eta_min, T_max):
    """The learning rate after t scheduler steps: base_lr at t = 0, eta_min at t = T_max."""
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t / (T_max + 1))) / 2


class BatchNorm2d(nn.Module):
    """Per-channel batch normalisation of (N, C, H, W) maps, as torch.nn.BatchNorm2d."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))
        self.register_buffer("num_batches_tracked", torch.tensor(0, dtype=torch.long))

    def forward(self, x):
        if self.training:
            mean = x.mean(dim=(0, 2, 3))
            var = x.var(dim=(0, 2, 3), unbiased=False)
            n = x.numel() / x.shape[1]
            with torch.no_grad():
                m = self.momentum
                self.running_mean.mul_(1 - m).add_(m * mean)
                self.running_var.mul_(1 - m).add_(m * var * n / (n - 1))
                self.num_batches_tracked += 1
        else:
            mean, var = self.running_mean, self.running_var
        x_hat = (x - mean[None, :, None, None]) / torch.sqrt(var[None, :, None, None] + self.eps)
        return x_hat * self.weight[None, :, None, None] + self.bias[None, :, None, None]


class Dropout(nn.Module):
    """Inverted dropout: in training, zero each entry with probability p and scale the rest
    by 1/(1-p); in eval mode, the identity."""

    def __init__(self, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        keep = (torch.rand_like(x) >= self.p).to(x.dtype)
        return x * keep / (1 - self.p)


class Augment(nn.Module):
    """In training mode, a random horizontal flip (probability 1/2) and a random shift of up
    to max_shift pixels each way (zero fill), drawn per image, every image kept in its
    place; in eval mode, the identity."""

    def __init__(self, max_shift=1):
        super().__init__()
        self.max_shift = max_shift

    def forward(self, images):
        if not self.training:
            return images
        n, c, h, w = images.shape
        s = self.max_shift
        flip = torch.rand(n) < 0.5
        images = torch.where(flip[:, None, None, None], images.flip(-1), images)
        padded = F.pad(images, (s, s, s, s))
        rows = torch.randint(0, 2 * s + 1, (n, 1)) + torch.arange(h)  # the window of each image
        cols = torch.randint(0, 2 * s + 1, (n, 1)) + torch.arange(w)
        return padded[
            torch.arange(n)[:, None, None, None],
            torch.arange(c)[None, :, None, None],
            rows[:, None, :, None],
            cols[:, None, None, :],
        ]


# --- The model and the trainer ------------------------------------------------------------


class SmallCNN(nn.Module):
    """[augment] conv(1→8) [BN] ReLU pool, conv(8→16) [BN] ReLU pool, [dropout]
    fc(144→64) ReLU [dropout] fc(64→10): the switches decide what sits in the brackets.
    A convolution followed by BatchNorm has no bias (BatchNorm's shift replaces it)."""

    def __init__(self, batchnorm=False, dropout=0.0, augment=False):
        super().__init__()
        self.augment = Augment() if augment else nn.Identity()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1, bias=not batchnorm)
        self.bn1 = BatchNorm2d(8) if batchnorm else nn.Identity()
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1, bias=not batchnorm)
        self.bn2 = BatchNorm2d(16) if batchnorm else nn.Identity()
        self.drop = Dropout(dropout) if dropout else nn.Identity()
        self.fc1 = nn.Linear(16 * 3 * 3, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = (self.augment(x) - 0.286) / 0.353  # Fashion-MNIST's pixel mean and spread
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = F.relu(self.fc1(self.drop(x.flatten(1))))
        return self.fc2(self.drop(x))


def build_model(config):
    return SmallCNN(
        config.get("batchnorm", False), config.get("dropout", 0.0), config.get("augment", False)
    )


def prepare(X):
    """uint8 (n, 14, 14) images → float (n, 1, 14, 14) in 0–1."""
    return torch.as_tensor(X, dtype=torch.float32)[:, None] / 255.0


def predict_logits(model, images):
    """Logits of a batch in eval mode: running BatchNorm statistics, no dropout, no
    augmentation, no gradients."""
    model.eval()
    with torch.no_grad():
        return model(images)


def train_run(X_train, y_train, X_val, y_val, config, epochs=5, batch_size=128, seed=None):
    """Train one SmallCNN with the config's switches; the history of every epoch."""
    if seed is not None:
        torch.manual_seed(seed)
    X, y = prepare(X_train), torch.as_tensor(y_train, dtype=torch.long)
    Xv, yv = prepare(X_val), torch.as_tensor(y_val, dtype=torch.long)
    model = build_model(config)
    base_lr, eta_min = config.get("lr", 0.1), config.get("eta_min", 0.0)
    optimizer = optim.SGD(model.parameters(), lr=base_lr, momentum=0.9)
    history = {"train_loss": [], "val_loss": [], "val_accuracy": [], "lr": []}
    for epoch in range(epochs):
        lr = cosine_lr(epoch, base_lr, eta_min, epochs) if config.get("cosine") else base_lr
        for group in optimizer.param_groups:
            group["lr"] = lr
        model.train()
        order = torch.randperm(len(y))
        total = 0.0
        for start in range(0, len(y), batch_size):
            rows = order[start : start + batch_size]
            xb, yb = X[rows], y[rows]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(rows)
        logits = predict_logits(model, Xv)
        history["train_loss"].append(total / len(y))
        history["val_loss"].append(F.cross_entropy(logits, yv).item())
        history["val_accuracy"].append((logits.argmax(1) == yv).float().mean().item())
        history["lr"].append(lr)
    return model, history


# --- What the grader calls (given) --------------------------------------------------------

# Each switch added in turn to the previous configuration, as the week asks.
CONFIGS = {
    "baseline": {},
    "+batchnorm": {"batchnorm": True},
    "+dropout": {"batchnorm": True, "dropout": 0.3},
    "+augment": {"batchnorm": True, "dropout": 0.3, "augment": True},
    "+cosine": {"batchnorm": True, "dropout": 0.3, "augment": True, "cosine": True},
}


def run_ablation(X_train, y_train, X_val, y_val, epochs=5, rows=1200):
    """Every configuration with the same seed and budget (the first `rows` training images,
    `epochs` epochs): the table, and a curve per run for the result page."""
    table = {}
    for name, config in CONFIGS.items():
        _, history = train_run(X_train[:rows], y_train[:rows], X_val, y_val, config, epochs, seed=0)
        for epoch in range(epochs):
            report.log(
                epoch=epoch + 1,
                **{f"{name} val_accuracy": history["val_accuracy"][epoch]},
                **{f"{name} train_loss": history["train_loss"][epoch]},
            )
        table[name] = {"config": config, **history}
    return table


def train_and_predict(X_train, y_train, X_val, y_val, X_test):
    """All four switches on; one predicted class per test image."""
    model, _ = train_run(X_train, y_train, X_val, y_val, CONFIGS["+cosine"])
    return predict_logits(model, prepare(X_test)).argmax(dim=1).numpy()


def lr_schedule(base_lr, eta_min, T_max):
    return [cosine_lr(t, base_lr, eta_min, T_max) for t in range(T_max + 1)]


def _tensor(array):
    return torch.as_tensor(array)


def batchnorm_run(state, xs, modes):
    """Your BatchNorm2d with these weights and buffers, called on each x in train or eval
    mode in turn; the outputs, the gradients of the first call, and the final buffers."""
    layer = BatchNorm2d(len(state["weight"])).double()
    layer.load_state_dict({name: _tensor(value) for name, value in state.items()})
    outputs, grads = [], {}
    for i, (x, training) in enumerate(zip(xs, modes, strict=True)):
        layer.train(training)
        x = _tensor(x).clone().requires_grad_(True)
        out = layer(x)
        if i == 0:
            (
                out * torch.linspace(-1, 1, out.numel(), dtype=out.dtype).view_as(out)
            ).sum().backward()
            grads = {"x": x.grad, "weight": layer.weight.grad, "bias": layer.bias.grad}
        outputs.append(out.detach())
    buffers = {name: value for name, value in layer.state_dict().items() if "running" in name}
    tracked = int(layer.num_batches_tracked)
    return {"outputs": outputs, "grads": grads, **buffers, "num_batches_tracked": tracked}


def dropout_run(x, p):
    """Your Dropout(p) on x: twice in training mode, once in eval mode."""
    layer, x = Dropout(p), torch.as_tensor(x)
    layer.train()
    first, second = layer(x), layer(x)
    layer.eval()
    return {"train_1": first, "train_2": second, "eval": layer(x)}


def augment_run(images):
    """Your Augment on a batch: twice in training mode, once in eval mode."""
    layer, images = Augment(), torch.as_tensor(images)
    layer.train()
    first, second = layer(images), layer(images)
    layer.eval()
    return {"train_1": first, "train_2": second, "eval": layer(images)}


def eval_consistency(X, config):
    """A model with every switch on, a few training steps, then predict_logits three ways:
    the batch, the same batch again, and its first five images alone."""
    model = build_model(config)
    optimizer = optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    images = prepare(X)
    model.train()
    for _ in range(3):
        optimizer.zero_grad()
        model(images).logsumexp(dim=1).mean().backward()
        optimizer.step()
    return {
        "batch": predict_logits(model, images),
        "again": predict_logits(model, images),
        "first_five": predict_logits(model, images[:5]),
    }
