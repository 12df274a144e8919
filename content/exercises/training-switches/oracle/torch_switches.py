"""The expected values: PyTorch's own scheduler and BatchNorm layer, on the case's weights.

Runs only in the reference run, so a learner's cosine schedule is judged against
torch.optim.lr_scheduler.CosineAnnealingLR and their BatchNorm2d against nn.BatchNorm2d
itself, mode by mode and buffer by buffer.
"""

import torch
from torch import nn, optim

# The first optimizer a process builds imports part of PyTorch's compiler: do it while
# importing, on the import step's clock.
optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1)


def lr_schedule(base_lr, eta_min, T_max):
    """The learning rate before the first step and after each of T_max scheduler steps."""
    optimizer = optim.SGD([nn.Parameter(torch.zeros(1))], lr=base_lr)
    scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=T_max, eta_min=eta_min)
    lrs = [optimizer.param_groups[0]["lr"]]
    for _ in range(T_max):
        optimizer.step()
        scheduler.step()
        lrs.append(optimizer.param_groups[0]["lr"])
    return lrs


def batchnorm_run(state, xs, modes):
    """nn.BatchNorm2d with these weights and buffers, called as the learner's helper calls
    theirs: outputs, gradients of the first call, final buffers."""
    layer = nn.BatchNorm2d(len(state["weight"]), dtype=torch.float64)
    layer.load_state_dict({name: torch.as_tensor(value) for name, value in state.items()})
    outputs, grads = [], {}
    for i, (x, training) in enumerate(zip(xs, modes, strict=True)):
        layer.train(training)
        x = torch.as_tensor(x).clone().requires_grad_(True)
        out = layer(x)
        if i == 0:
            weights = torch.linspace(-1, 1, out.numel(), dtype=out.dtype).view_as(out)
            (out * weights).sum().backward()
            grads = {"x": x.grad, "weight": layer.weight.grad, "bias": layer.bias.grad}
        outputs.append(out.detach())
    return {
        "outputs": outputs,
        "grads": grads,
        "running_mean": layer.running_mean,
        "running_var": layer.running_var,
        "num_batches_tracked": int(layer.num_batches_tracked),
    }
