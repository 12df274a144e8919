"""The held-out contexts (hidden/, shown to the learner's code only at grading time) and the
perplexity judge, which reads the characters that follow them in the worker. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
VOCAB = 128
# The reference (reference/solution.py: a 16-character MLP, three epochs of AdamW) measured
# 5.8 on these positions; the bigram counts of the training text give 11.6, unigrams 26.2.
FULL_MARKS = 6.5


def held_out(rng):
    train = np.load(HERE / "data" / "train.npy")
    return [{"args": [train, np.load(HERE / "hidden" / "contexts.npy")]}]


def perplexity_at_most(value, train_codes, contexts):
    """None when the rows are distributions over the 128 ASCII codes and the perplexity of the
    held-out characters is at most FULL_MARKS; else what is wrong."""
    answers = np.load(HERE / "hidden" / "next_chars.npy")
    try:
        p = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return "returned something that is not an array of probabilities"
    want = (len(answers), VOCAB)
    if p.shape != want:
        return f"returned an array of shape {p.shape}; expected {want}, one row of 128 probabilities per context"
    if not np.isfinite(p).all() or (p < 0).any():
        return "returned negative, NaN or infinite probabilities (apply softmax to the logits)"
    sums = p.sum(axis=1)
    worst = int(np.argmax(np.abs(sums - 1)))
    if abs(sums[worst] - 1) > 1e-3:
        return f"row {worst} sums to {sums[worst]:.4g}, not 1: return probabilities (softmax), not logits"
    nll = -np.log(np.clip(p[np.arange(len(answers)), answers], 1e-12, None))
    perplexity = float(np.exp(nll.mean()))
    if perplexity > FULL_MARKS:
        return (
            f"gave a perplexity of {perplexity:.3g} on the {len(answers)} held-out characters; "
            f"it must be at most {FULL_MARKS} (the reference reaches 5.8, character bigram counts 11.6)"
        )
    return None
