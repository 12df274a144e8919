import math

import torch
from torch import nn
from torch.nn import functional as F


def attention(q, k, v, mask=None):
    """softmax(q·kᵀ/√d) · v over the last two axes. A boolean mask says which keys each query
    may attend to (True = allowed, as in F.scaled_dot_product_attention); a float mask is
    added to the scores. Returns the output and the attention weights."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        if mask.dtype == torch.bool:
            scores = scores.masked_fill(~mask, float("-inf"))
        else:
            scores = scores + mask
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


class MultiHeadAttention(nn.Module):
    """Batch-first multi-head attention with torch.nn.MultiheadAttention's parameter layout."""

    def __init__(self, embed_dim, num_heads):
        super().__init__()
        if embed_dim % num_heads:
            raise ValueError("embed_dim must be divisible by num_heads")
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embed_dim))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim))
        self.out_proj = nn.Linear(embed_dim, embed_dim)
        nn.init.xavier_uniform_(self.in_proj_weight)

    def _heads(self, x, weight, bias):
        batch, length, _ = x.shape
        x = F.linear(x, weight, bias)
        return x.view(batch, self.num_heads, length, -1)

    def forward(self, query, key, value, key_padding_mask=None, attn_mask=None):
        """Masks as torch's MHA takes them: True marks what may NOT be attended to."""
        w_q, w_k, w_v = self.in_proj_weight.chunk(3)
        b_q, b_k, b_v = self.in_proj_bias.chunk(3)
        q = self._heads(query, w_q, b_q)
        k = self._heads(key, w_k, b_k)
        v = self._heads(value, w_v, b_v)
        allowed = torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool)
        if attn_mask is not None:
            allowed = allowed & ~attn_mask
        if key_padding_mask is not None:
            allowed = allowed & ~key_padding_mask[:, None, None, :]
        out, weights = attention(q, k, v, allowed)
        batch, _, length, _ = out.shape
        out = out.transpose(1, 2).reshape(batch, length, self.embed_dim)
        return self.out_proj(out), weights.mean(dim=1)


class EncoderLayer(nn.Module):
    """Post-norm encoder layer: x + attention, LayerNorm; x + feed-forward, LayerNorm."""

    def __init__(self, d_model, nhead, dim_feedforward):
        super().__init__()
        self.self_attn = MultiHeadAttention(d_model, nhead)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def forward(self, src, src_mask=None, src_key_padding_mask=None):
        attended, _ = self.self_attn(
            src, src, src, key_padding_mask=src_key_padding_mask, attn_mask=src_mask
        )
        x = self.norm1(src + attended)
        return self.norm2(x + self.linear2(torch.relu(self.linear1(x))))


# --- What the grader calls: NumPy in, NumPy out (float64), your modules in between. -----------


def _tensor(array):
    return None if array is None else torch.as_tensor(array)


def sdpa(q, k, v, mask=None):
    out, _ = attention(_tensor(q), _tensor(k), _tensor(v), _tensor(mask))
    return out.numpy()


def _loaded(module, weights):
    module = module.double()
    module.load_state_dict({name: torch.as_tensor(value) for name, value in weights.items()})
    return module.eval()


def mha(weights, num_heads, query, key, value, key_padding_mask=None, attn_mask=None):
    module = _loaded(MultiHeadAttention(query.shape[-1], num_heads), weights)
    with torch.no_grad():
        out, attn = module(
            _tensor(query),
            _tensor(key),
            _tensor(value),
            key_padding_mask=_tensor(key_padding_mask),
            attn_mask=_tensor(attn_mask),
        )
    return {"output": out.numpy(), "weights": attn.numpy()}


def encoder(weights, nhead, dim_feedforward, src, src_mask=None, src_key_padding_mask=None):
    layer = _loaded(EncoderLayer(src.shape[-1], nhead, dim_feedforward), weights)
    with torch.no_grad():
        out = layer(
            _tensor(src),
            src_mask=_tensor(src_mask),
            src_key_padding_mask=_tensor(src_key_padding_mask),
        )
    return out.numpy()


def plot_attention_map(q, k, path):
    """Save the causal self-attention weights of queries q over keys k as a grey map: one
    16×16-pixel block per weight, black for 0 and white for 1."""
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib import pyplot as plt

    q, k = _tensor(q), _tensor(k)
    causal = torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool).tril()
    _, weights = attention(q, k, k, causal)
    cells = np.kron(weights.numpy(), np.ones((16, 16)))
    plt.imsave(path, cells, cmap="gray", vmin=0.0, vmax=1.0)
