"""Cases for attention-from-scratch (float64 arrays, masks as bool arrays). Worker only.

Self-attention cases come first: a bug that keeps the shapes (a transposed key, a missing
scale) then shows as values that differ, with the largest difference and where it is."""

import numpy as np


def _causal(length):
    return np.tril(np.ones((length, length), dtype=bool))  # True: may attend (SDPA's meaning)


def sdpa_cases(rng):
    cases = []
    for batch, heads, length, d in [(2, 2, 5, 4), (1, 3, 6, 8)]:
        q, k, v = (rng.normal(size=(batch, heads, length, d)) for _ in range(3))
        cases.append({"args": [q, k, v]})
    q, k, v = (rng.normal(size=(1, 2, 6, 4)) for _ in range(3))
    cases.append({"args": [q, k, v, _causal(6)]})
    padding = np.ones((2, 1, 1, 5), dtype=bool)
    padding[0, ..., 3:] = False  # the first sequence has two padded keys
    q, k, v = (rng.normal(size=(2, 2, 5, 4)) for _ in range(3))
    cases.append({"args": [q, k, v, padding]})
    q = rng.normal(size=(1, 2, 3, 4))
    k, v = rng.normal(size=(1, 2, 7, 4)), rng.normal(size=(1, 2, 7, 6))
    cases.append({"args": [q, k, v]})  # cross-attention: 3 queries, 7 keys, values of width 6
    return cases


def _mha_weights(rng, embed_dim):
    return {
        "in_proj_weight": rng.normal(0, embed_dim**-0.5, size=(3 * embed_dim, embed_dim)),
        "in_proj_bias": rng.normal(0, 0.1, size=3 * embed_dim),
        "out_proj.weight": rng.normal(0, embed_dim**-0.5, size=(embed_dim, embed_dim)),
        "out_proj.bias": rng.normal(0, 0.1, size=embed_dim),
    }


def _padding(batch, length, lengths):
    mask = np.zeros((batch, length), dtype=bool)  # True: padding, ignored (MHA's meaning)
    for row, n in enumerate(lengths):
        mask[row, n:] = True
    return mask


def mha_cases(rng):
    cases = []
    x = rng.normal(size=(2, 5, 8))
    cases.append({"args": [_mha_weights(rng, 8), 2, x, x, x]})
    x = rng.normal(size=(2, 6, 12))
    cases.append(
        {"args": [_mha_weights(rng, 12), 3, x, x, x], "kwargs": {"attn_mask": ~_causal(6)}}
    )
    query, memory = rng.normal(size=(2, 3, 8)), rng.normal(size=(2, 6, 8))
    cases.append(
        {
            "args": [_mha_weights(rng, 8), 4, query, memory, memory],
            "kwargs": {"key_padding_mask": _padding(2, 6, [6, 4])},
        }
    )
    return cases


def _encoder_weights(rng, d_model, dim_feedforward):
    weights = {f"self_attn.{name}": value for name, value in _mha_weights(rng, d_model).items()}
    weights.update(
        {
            "linear1.weight": rng.normal(0, d_model**-0.5, size=(dim_feedforward, d_model)),
            "linear1.bias": rng.normal(0, 0.1, size=dim_feedforward),
            "linear2.weight": rng.normal(0, dim_feedforward**-0.5, size=(d_model, dim_feedforward)),
            "linear2.bias": rng.normal(0, 0.1, size=d_model),
            "norm1.weight": rng.uniform(0.5, 1.5, size=d_model),
            "norm1.bias": rng.normal(0, 0.1, size=d_model),
            "norm2.weight": rng.uniform(0.5, 1.5, size=d_model),
            "norm2.bias": rng.normal(0, 0.1, size=d_model),
        }
    )
    return weights


def encoder_cases(rng):
    return [
        {"args": [_encoder_weights(rng, 8, 16), 2, 16, rng.normal(size=(2, 5, 8))]},
        {
            "args": [_encoder_weights(rng, 12, 24), 3, 24, rng.normal(size=(2, 6, 12))],
            "kwargs": {"src_mask": ~_causal(6), "src_key_padding_mask": _padding(2, 6, [6, 5])},
        },
    ]


BLOCK = 16  # pixels a side for each weight, as the statement asks


def shows_attention(figure, q, k, path=None):
    """None when the figure is the causal attention map of q over k: one BLOCK×BLOCK block per
    weight, grey from black (0) to white (1), within 0.03 of the weights."""
    import numpy as np

    scores = q @ k.T / np.sqrt(q.shape[-1])
    scores = np.where(np.tril(np.ones(scores.shape, dtype=bool)), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    if figure.pixels is None:
        return "it is not a PNG image (save it with plt.imsave to a .png path)"
    rows, cols = weights.shape
    height, width = figure.pixels.shape[:2]
    if (height, width) != (rows * BLOCK, cols * BLOCK):
        return (
            f"it is {width}×{height} pixels; {cols} keys by {rows} queries in {BLOCK}×{BLOCK} "
            f"blocks make {cols * BLOCK}×{rows * BLOCK}"
        )
    centres = figure.pixels[BLOCK // 2 :: BLOCK, BLOCK // 2 :: BLOCK, :3].astype(float) / 255.0
    grey = centres.mean(axis=-1)
    gap = np.abs(grey - weights)
    if gap.max() > 0.03:
        i, j = np.unravel_index(int(np.argmax(gap)), gap.shape)
        return (
            f"the block of query {i} and key {j} is grey level {grey[i, j]:.2f}, and the "
            f"attention weight there is {weights[i, j]:.2f} (white is 1, black 0)"
        )
    return None
