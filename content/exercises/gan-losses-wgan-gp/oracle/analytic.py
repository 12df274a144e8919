"""Expected values written independently of autograd's double backward (reference run only):
the critic's input gradient in closed form, and PyTorch's own BCE for the GAN losses."""

import torch


def _bce(logits, target):
    return torch.nn.BCEWithLogitsLoss()(logits, torch.full_like(logits, target))


def discriminator_loss(real_logits, fake_logits):
    return _bce(real_logits, 1.0) + _bce(fake_logits, 0.0)


def generator_loss(fake_logits):
    return _bce(fake_logits, 1.0)


def _penalty(W1, b1, W2, b2, real, fake, alpha):
    # critic(x) = tanh(x W1ᵀ + b1) W2ᵀ + b2, so ∇ₓ critic = ((1 − tanh²) ⊙ W2) W1, row by row
    mixed = alpha * real + (1 - alpha) * fake
    t = torch.tanh(mixed @ W1.T + b1)
    grads = ((1 - t**2) * W2[0]) @ W1
    norms = torch.sqrt((grads**2).sum(dim=1))
    return ((norms - 1) ** 2).mean()


def penalty_value(W1, b1, W2, b2, real, fake, alpha):
    return _penalty(W1, b1, W2, b2, real, fake, alpha)


def penalty_gradients(W1, b1, W2, b2, real, fake, alpha):
    params = [p.clone().requires_grad_(True) for p in (W1, b1, W2, b2)]
    _penalty(*params, real, fake, alpha).backward()
    return {name: p.grad for name, p in zip(["W1", "b1", "W2", "b2"], params, strict=True)}
