import torch
import torch.nn.functional as F
from torch import nn


def reparameterize(mu, logvar, eps):
    """z = μ + σ·ε with σ = exp(½·log σ²): a sample that stays differentiable in μ and log σ²."""
    return mu + torch.exp(0.5 * logvar) * eps


def kl_divergence(mu, logvar):
    """KL(N(μ, σ²) ‖ N(0, I)) per example, summed over the latent dimensions: shape (batch,)."""
    return -0.5 * torch.sum(1 + logvar - mu**2 - torch.exp(logvar), dim=1)


def elbo(x, x_logits, mu, logvar):
    """The ELBO per example, (batch,): log p(x|z) under independent Bernoullis minus the KL."""
    reconstruction = -F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").sum(dim=1)
    return reconstruction - kl_divergence(mu, logvar)


class VAE(nn.Module):
    def __init__(self, n_in, n_hidden, n_latent):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU())
        self.mu = nn.Linear(n_hidden, n_latent)
        self.logvar = nn.Linear(n_hidden, n_latent)
        self.decoder = nn.Sequential(
            nn.Linear(n_latent, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_in)
        )

    def forward(self, x):
        """Returns (x_logits, mu, logvar) for a batch x of shape (batch, n_in)."""
        h = self.encoder(x)
        mu, logvar = self.mu(h), self.logvar(h)
        z = reparameterize(mu, logvar, torch.randn_like(mu))
        return self.decoder(z), mu, logvar


# ---- given: how the grader drives your code; keep it as it is ----


def reparameterized_gradients(mu, logvar, eps):
    """z and the gradients of sum(z²) with respect to μ and log σ²."""
    mu, logvar = mu.clone().requires_grad_(True), logvar.clone().requires_grad_(True)
    z = reparameterize(mu, logvar, eps)
    (z**2).sum().backward()
    return {"z": z, "grad_mu": mu.grad, "grad_logvar": logvar.grad}


def forward_shapes(n_in, n_hidden, n_latent, batch):
    x_logits, mu, logvar = VAE(n_in, n_hidden, n_latent)(torch.rand(batch, n_in))
    return [list(x_logits.shape), list(mu.shape), list(logvar.shape)]
