"""The expected values: PyTorch's own attention, with the case's weights loaded into it.

F.scaled_dot_product_attention, nn.MultiheadAttention and nn.TransformerEncoderLayer (float64,
batch first, no dropout) run only in the reference run, so a learner is judged against
PyTorch itself. The encoder layer runs with gradients on, which keeps it off its fused fast
path: the same arithmetic as the documented one.
"""

import torch
from torch import nn
from torch.nn import functional as F


def _tensor(array):
    return None if array is None else torch.as_tensor(array)


def _loaded(module, weights):
    module.load_state_dict({name: torch.as_tensor(value) for name, value in weights.items()})
    return module.eval()


def sdpa(q, k, v, mask=None):
    with torch.no_grad():
        out = F.scaled_dot_product_attention(
            _tensor(q), _tensor(k), _tensor(v), attn_mask=_tensor(mask)
        )
    return out.numpy()


def mha(weights, num_heads, query, key, value, key_padding_mask=None, attn_mask=None):
    embed_dim = query.shape[-1]
    module = nn.MultiheadAttention(embed_dim, num_heads, batch_first=True, dtype=torch.float64)
    module = _loaded(module, weights)
    with torch.no_grad():
        out, attn = module(
            _tensor(query),
            _tensor(key),
            _tensor(value),
            key_padding_mask=_tensor(key_padding_mask),
            attn_mask=_tensor(attn_mask),
            need_weights=True,
        )
    return {"output": out.numpy(), "weights": attn.numpy()}


def encoder(weights, nhead, dim_feedforward, src, src_mask=None, src_key_padding_mask=None):
    layer = nn.TransformerEncoderLayer(
        src.shape[-1],
        nhead,
        dim_feedforward,
        dropout=0.0,
        batch_first=True,
        dtype=torch.float64,
    )
    layer = _loaded(layer, weights)
    out = layer(
        _tensor(src), src_mask=_tensor(src_mask), src_key_padding_mask=_tensor(src_key_padding_mask)
    )
    return out.detach().numpy()


def _warm_up():
    """A padding mask sends torch's MHA through torch.fx's symbolic shapes once, which imports
    sympy (seconds on one CPU): do it while importing, on the import step's clock, so the
    timed cases measure attention only."""
    x = torch.zeros(1, 2, 4, dtype=torch.float64)
    padding = torch.tensor([[False, True]])
    nn.MultiheadAttention(4, 2, batch_first=True, dtype=torch.float64)(
        x, x, x, key_padding_mask=padding, need_weights=True
    )
    layer = nn.TransformerEncoderLayer(4, 2, 8, dropout=0.0, batch_first=True)
    layer.double()(x, src_key_padding_mask=padding)


_warm_up()
