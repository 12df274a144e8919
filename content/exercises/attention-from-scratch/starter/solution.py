import math  # noqa: F401

import torch
from torch import nn
from torch.nn import functional as F  # noqa: F401


def attention(q, k, v, mask=None):
    """softmax(q·kᵀ/√d) · v over the last two axes. A boolean mask says which keys each query
    may attend to (True = allowed, as in F.scaled_dot_product_attention); a float mask is
    added to the scores. Returns the output and the attention weights."""
    # TODO: scores, the mask, a softmax over the keys, the weighted sum of the values
    weights = torch.zeros(*q.shape[:-1], k.shape[-2], dtype=q.dtype)
    return torch.zeros(*q.shape[:-1], v.shape[-1], dtype=q.dtype), weights


class MultiHeadAttention(nn.Module):
    """Batch-first multi-head attention with torch.nn.MultiheadAttention's parameter layout."""

    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embed_dim))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim))
        self.out_proj = nn.Linear(embed_dim, embed_dim)
        nn.init.xavier_uniform_(self.in_proj_weight)

    def forward(self, query, key, value, key_padding_mask=None, attn_mask=None):
        """Masks as torch's MHA takes them: True marks what may NOT be attended to."""
        # TODO: project with the three blocks of in_proj_weight, split into heads,
        # attention(...) with one boolean "allowed" mask, merge the heads, out_proj.
        batch, length, _ = query.shape
        weights = torch.zeros(batch, length, key.shape[1], dtype=query.dtype)
        return torch.zeros_like(query), weights


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
        # TODO: self-attention, residual, norm1; feed-forward (ReLU), residual, norm2
        return src


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
    # TODO: the weights from your attention() (a causal mask, k as the values too), each
    # weight enlarged to a 16×16 block (np.kron), saved with
    # plt.imsave(path, cells, cmap="gray", vmin=0.0, vmax=1.0)
    raise NotImplementedError
