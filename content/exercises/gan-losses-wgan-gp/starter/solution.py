import torch
import torch.nn.functional as F


def discriminator_loss(real_logits, fake_logits):
    """The discriminator's loss from its logits on a real and a generated batch (a scalar)."""
    return torch.zeros(())  # TODO


def generator_loss(fake_logits):
    """The generator's non-saturating loss from the discriminator's logits on generated images."""
    return torch.zeros(())  # TODO


def gradient_penalty(critic, real, fake, alpha):
    """WGAN-GP's penalty at x̂ = α·real + (1 − α)·fake; alpha has shape (batch, 1)."""
    return torch.zeros(())  # TODO


# ---- given: how the grader drives your code; keep it as it is ----


def make_critic(W1, b1, W2, b2):
    """A two-layer tanh critic with the case's weights (they require gradients)."""

    def critic(x):
        return torch.tanh(x @ W1.T + b1) @ W2.T + b2

    return critic


def penalty_value(W1, b1, W2, b2, real, fake, alpha):
    return gradient_penalty(make_critic(W1, b1, W2, b2), real, fake, alpha)


def penalty_gradients(W1, b1, W2, b2, real, fake, alpha):
    """The penalty's gradients with respect to the critic's weights (what training uses)."""
    params = [p.clone().requires_grad_(True) for p in (W1, b1, W2, b2)]
    gradient_penalty(make_critic(*params), real, fake, alpha).backward()
    return {name: p.grad for name, p in zip(["W1", "b1", "W2", "b2"], params)}
