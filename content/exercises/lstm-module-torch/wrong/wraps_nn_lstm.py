import torch
from torch import nn


class LSTM(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.inner = nn.LSTM(input_size, hidden_size)

    def forward(self, x, state=None):
        return self.inner(x, state)

    def load_state_dict(self, weights, strict=True):
        return self.inner.load_state_dict(weights, strict)

    def named_parameters(self, *args, **kwargs):
        return self.inner.named_parameters(*args, **kwargs)


# ---- given: the grader calls these with torch.nn.LSTM's weights; keep them as they are ----


def parameter_shapes(input_size, hidden_size):
    """{name: shape} of your module's parameters (they must be nn.LSTM's)."""
    return {name: list(p.shape) for name, p in LSTM(input_size, hidden_size).named_parameters()}


def _run(weights, xs, h0, c0, upstream):
    model = LSTM(xs.shape[2], h0.shape[2]).double()
    model.load_state_dict(weights)  # the same names and shapes as torch.nn.LSTM's state_dict
    xs = xs.clone().requires_grad_(True)
    outputs, (h_n, c_n) = model(xs, (h0, c0))
    loss = (outputs * upstream).sum() + c_n.sum()
    loss.backward()
    grads = {f"grad_{name}": p.grad for name, p in model.named_parameters()}
    return {"outputs": outputs, "h_n": h_n, "c_n": c_n}, {"grad_input": xs.grad, **grads}


def forward_with_weights(weights, xs, h0, c0, upstream):
    return _run(weights, xs, h0, c0, upstream)[0]


def gradients_with_weights(weights, xs, h0, c0, upstream):
    return _run(weights, xs, h0, c0, upstream)[1]
