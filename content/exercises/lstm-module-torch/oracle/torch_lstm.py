"""The expected values: torch.nn.LSTM itself, with the case's weights (reference run only)."""

import torch


def parameter_shapes(input_size, hidden_size):
    return {
        name: list(p.shape) for name, p in torch.nn.LSTM(input_size, hidden_size).named_parameters()
    }


def _run(weights, xs, h0, c0, upstream):
    model = torch.nn.LSTM(xs.shape[2], h0.shape[2]).double()
    model.load_state_dict(weights)
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
