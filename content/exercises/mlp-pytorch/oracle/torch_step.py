"""The expected values of train_steps_with_weights: torch.optim.SGD and nn.CrossEntropyLoss
themselves, on a network built here from the same weights. Runs in the reference run only, so a
learner's train_step is judged against PyTorch's own update, not against another hand-written one."""

import torch
from torch import nn


def train_steps(module_name, class_name, sizes, weights, batches, lr):
    n_in, n_hidden, n_out = sizes
    model = nn.Sequential()
    model.add_module("hidden", nn.Linear(n_in, n_hidden))
    model.add_module("relu", nn.ReLU())
    model.add_module("out", nn.Linear(n_hidden, n_out))
    model.load_state_dict({name: torch.as_tensor(value) for name, value in weights.items()})
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for x, y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(torch.as_tensor(x, dtype=torch.float32)), torch.as_tensor(y))
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    final = {name: value.detach().numpy() for name, value in model.state_dict().items()}
    return {"losses": losses, **final}
