"""Expected values from torch.distributions (reference run only): the KL of two Normals and
Bernoulli log-likelihoods, computed by PyTorch rather than by a second hand-written formula."""

import torch
from torch.distributions import Bernoulli, Independent, Normal
from torch.distributions import kl_divergence as kl


def _posterior(mu, logvar):
    return Independent(Normal(mu, torch.exp(0.5 * logvar)), 1)


def kl_divergence(mu, logvar):
    prior = Independent(Normal(torch.zeros_like(mu), torch.ones_like(mu)), 1)
    return kl(_posterior(mu, logvar), prior)


def elbo(x, x_logits, mu, logvar):
    log_likelihood = Independent(Bernoulli(logits=x_logits), 1).log_prob(x)
    return log_likelihood - kl_divergence(mu, logvar)


def reparameterized_gradients(mu, logvar, eps):
    mu, logvar = mu.clone().requires_grad_(True), logvar.clone().requires_grad_(True)
    posterior = Normal(mu, torch.exp(0.5 * logvar))
    z = posterior.loc + posterior.scale * eps  # what rsample() computes, with the case's noise
    (z**2).sum().backward()
    return {"z": z, "grad_mu": mu.grad, "grad_logvar": logvar.grad}


def forward_shapes(n_in, n_hidden, n_latent, batch):
    return [[batch, n_in], [batch, n_latent], [batch, n_latent]]
