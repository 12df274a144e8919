"""The expected values: torch.nn.LSTMCell and torch.nn.LSTM with the case's weights.

Runs only in the reference run (never in a learner's container), so the learner is judged
against PyTorch itself, not against another hand-written LSTM.
"""

import torch


def _load(module, W_ih, W_hh, b_ih, b_hh, suffix=""):
    with torch.no_grad():
        getattr(module, "weight_ih" + suffix).copy_(torch.from_numpy(W_ih))
        getattr(module, "weight_hh" + suffix).copy_(torch.from_numpy(W_hh))
        getattr(module, "bias_ih" + suffix).copy_(torch.from_numpy(b_ih))
        getattr(module, "bias_hh" + suffix).copy_(torch.from_numpy(b_hh))
    return module


def cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    module = _load(torch.nn.LSTMCell(x.shape[1], h.shape[1]).double(), W_ih, W_hh, b_ih, b_hh)
    with torch.no_grad():
        h_new, c_new = module(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c)))
    return h_new.numpy(), c_new.numpy()


def sequence(xs, h0, c0, W_ih, W_hh, b_ih, b_hh):
    module = _load(
        torch.nn.LSTM(xs.shape[2], h0.shape[1]).double(), W_ih, W_hh, b_ih, b_hh, suffix="_l0"
    )
    with torch.no_grad():
        outputs, (h_n, c_n) = module(
            torch.from_numpy(xs), (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None])
        )
    return outputs.numpy(), (h_n[0].numpy(), c_n[0].numpy())
