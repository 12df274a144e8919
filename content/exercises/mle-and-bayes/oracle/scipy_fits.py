"""The expected values: SciPy's fits and distributions (reference run only)."""

import numpy as np
from scipy import stats


def normal_mle(x):
    mu, sigma = stats.norm.fit(x)
    return float(mu), float(sigma)


def poisson_mle(counts):
    lam = float(np.mean(counts))
    return lam, float(stats.poisson.logpmf(counts, lam).sum())


def gamma_mle(x):
    shape, _, scale = stats.gamma.fit(x, floc=0)
    return float(shape), float(scale)


def posterior(prior, likelihood):
    joint = prior * likelihood
    return joint / joint.sum()


def beta_posterior(successes, failures, a=1.0, b=1.0):
    belief = stats.beta(a + successes, b + failures)
    low, high = belief.ppf([0.025, 0.975])
    return float(belief.mean()), float(low), float(high)
