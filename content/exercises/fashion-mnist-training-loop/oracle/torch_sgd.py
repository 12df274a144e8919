"""The expected values of sgd_pass: torch.optim.SGD and nn.CrossEntropyLoss themselves.

Runs only in the reference run, so a learner's loop is judged against PyTorch's own optimizer
and loss on the same weights and batches, not against another hand-written loop.
"""

import torch
from torch import nn, optim

# The first optimizer a process builds imports part of PyTorch's compiler (seconds on one
# CPU); building one here puts that on the import's clock instead of your first batch's.
optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1)


def sgd_pass(weights, X, y, lr, batch_size):
    model = nn.Sequential()
    model.add_module("hidden", nn.Linear(*weights["hidden.weight"].shape[::-1]))
    model.add_module("relu", nn.ReLU())
    model.add_module("out", nn.Linear(*weights["out.weight"].shape[::-1]))
    model.load_state_dict({name: torch.as_tensor(value) for name, value in weights.items()})
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    X = torch.as_tensor(X, dtype=torch.float32)
    y = torch.as_tensor(y, dtype=torch.long)
    losses = []
    for start in range(0, len(y), batch_size):
        optimizer.zero_grad()
        loss = loss_fn(model(X[start : start + batch_size]), y[start : start + batch_size])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    final = {name: value.detach().numpy() for name, value in model.state_dict().items()}
    return {"losses": losses, **final}
