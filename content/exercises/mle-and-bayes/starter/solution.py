import numpy as np
from scipy.special import digamma, gammaln, polygamma
from scipy.stats import beta


def normal_mle(x):
    """(mu, sigma) maximising the normal likelihood of x."""
    return 0.0, 1.0  # TODO


def poisson_mle(counts):
    """(lambda, the log-likelihood of the counts at that lambda)."""
    return 1.0, 0.0  # TODO


def gamma_mle(x):
    """(shape, scale) of the gamma distribution (location 0) maximising the likelihood."""
    return 1.0, float(np.mean(x))  # TODO: this is the exponential's fit


def posterior(prior, likelihood):
    """P(H | E) for each hypothesis H, from P(H) and P(E | H)."""
    return np.asarray(prior, dtype=float)  # TODO


def beta_posterior(successes, failures, a=1.0, b=1.0):
    """(mean, 2.5% quantile, 97.5% quantile) of the Beta posterior of a success rate."""
    return 0.5, 0.0, 1.0  # TODO
