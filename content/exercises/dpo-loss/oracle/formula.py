"""The DPO objective of Rafailov et al. (2023), eq. 7, written out (reference run only)."""

import torch


def _logprobs(logits, tokens, mask):
    total = torch.zeros(len(tokens), dtype=logits.dtype)
    for i in range(len(tokens)):
        for t in range(1, tokens.shape[1]):
            if mask[i, t]:
                row = logits[i, t - 1]
                total[i] += (
                    row[tokens[i, t]] - torch.log(torch.exp(row - row.max()).sum()) - row.max()
                )
    return total


def sequence_logprobs(logits, tokens, response_mask):
    return _logprobs(logits, tokens, response_mask)


def dpo_loss(policy_chosen, policy_rejected, reference_chosen, reference_rejected, beta):
    chosen = beta * (policy_chosen - reference_chosen)
    rejected = beta * (policy_rejected - reference_rejected)
    margin = chosen - rejected
    loss = torch.log1p(torch.exp(-margin)).mean()  # −log σ(margin)
    return loss, chosen, rejected


def preference_batch(
    policy_logits, reference_logits, chosen, rejected, chosen_mask, rejected_mask, beta
):
    n = len(chosen)
    pc = _logprobs(policy_logits[:n], chosen, chosen_mask)
    pr = _logprobs(policy_logits[n:], rejected, rejected_mask)
    rc = _logprobs(reference_logits[:n], chosen, chosen_mask)
    rr = _logprobs(reference_logits[n:], rejected, rejected_mask)
    loss, cr, rj = dpo_loss(pc, pr, rc, rr, beta)
    return {
        "loss": loss,
        "chosen_rewards": cr,
        "rejected_rewards": rj,
        "accuracy": (cr > rj).double().mean(),
    }
