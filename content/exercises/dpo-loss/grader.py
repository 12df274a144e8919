"""A small preference set: prompts with a chosen and a rejected answer, and the token logits of
a policy and a reference model on them (float64). Worker only."""

import numpy as np


def _sequences(rng, n, length, vocab):
    tokens = rng.integers(0, vocab, size=(n, length))
    prompt = rng.integers(2, length - 2, size=n)  # the first `prompt` tokens are the prompt
    pad = rng.integers(0, 2, size=n)  # some answers end early (padding after them)
    mask = np.zeros((n, length), dtype=np.float64)
    for i in range(n):
        mask[i, prompt[i] : length - pad[i]] = 1.0
    return tokens, mask


def preference_sets(rng):
    cases = []
    for n, length, vocab, beta in [(1, 6, 5, 0.1), (4, 10, 7, 0.5), (8, 12, 11, 0.1)]:
        chosen, chosen_mask = _sequences(rng, n, length, vocab)
        rejected, rejected_mask = _sequences(rng, n, length, vocab)
        policy = rng.normal(scale=2.0, size=(2 * n, length, vocab))
        reference = policy + rng.normal(scale=0.5, size=policy.shape)
        cases.append(
            {"args": [policy, reference, chosen, rejected, chosen_mask, rejected_mask, beta]}
        )
    return cases


def logprob_cases(rng):
    cases = []
    for n, length, vocab in [(1, 5, 4), (3, 9, 6), (6, 12, 13)]:
        tokens, mask = _sequences(rng, n, length, vocab)
        cases.append({"args": [rng.normal(scale=2.0, size=(n, length, vocab)), tokens, mask]})
    return cases


def logps(rng):
    cases = []
    for n, beta in [(1, 0.1), (5, 0.5), (16, 0.05)]:
        values = [-rng.uniform(5, 40, size=n) for _ in range(4)]
        cases.append({"args": [*values, beta]})
    return cases
