import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    """A frozen nn.Linear plus a trainable low-rank update: y = base(x) + (α/r)·x·Aᵀ·Bᵀ."""

    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.scale = alpha  # LoRA scales the update by α/r
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features, dtype=base.weight.dtype))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, dtype=base.weight.dtype))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))

    def forward(self, x):
        return self.base(x) + self.scale * (x @ self.lora_A.T) @ self.lora_B.T

    def merged(self) -> nn.Linear:
        """One nn.Linear with W + (α/r)·B·A: the same outputs, no extra cost at inference."""
        out = nn.Linear(self.base.in_features, self.base.out_features, dtype=self.base.weight.dtype)
        with torch.no_grad():
            out.weight.copy_(self.base.weight + self.scale * self.lora_B @ self.lora_A)
            out.bias.copy_(self.base.bias)
        return out


# ---- given: how the grader drives your code; keep it as it is ----


def _layer(W, b, r, alpha, A=None, B=None):
    base = nn.Linear(W.shape[1], W.shape[0], dtype=W.dtype)
    with torch.no_grad():
        base.weight.copy_(W)
        base.bias.copy_(b)
    layer = LoRALinear(base, r, alpha)
    if A is not None:
        with torch.no_grad():
            layer.lora_A.copy_(A)
            layer.lora_B.copy_(B)
    return layer


def adapted_output(W, b, A, B, alpha, x):
    return _layer(W, b, A.shape[0], alpha, A, B)(x)


def merged_weight_and_output(W, b, A, B, alpha, x):
    merged = _layer(W, b, A.shape[0], alpha, A, B).merged()
    return {"weight": merged.weight, "bias": merged.bias, "output": merged(x)}


def output_at_start(W, b, r, alpha, x):
    """A freshly built layer must compute what the base layer computes."""
    return _layer(W, b, r, alpha)(x)


def trainable_parameters(in_features, out_features, r):
    layer = _layer(torch.zeros(out_features, in_features), torch.zeros(out_features), r, 2 * r)
    return {
        "trainable": sum(p.numel() for p in layer.parameters() if p.requires_grad),
        "frozen": sum(p.numel() for p in layer.parameters() if not p.requires_grad),
    }
