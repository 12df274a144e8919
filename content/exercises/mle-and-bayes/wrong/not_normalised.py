import numpy as np
from scipy.special import digamma, gammaln, polygamma
from scipy.stats import beta


def normal_mle(x):
    return float(np.mean(x)), float(np.std(x))  # the MLE divides by n, not n − 1


def poisson_mle(counts):
    lam = float(np.mean(counts))
    loglik = np.sum(counts * np.log(lam) - lam - gammaln(counts + 1))
    return lam, float(loglik)


def gamma_mle(x):
    """Shape k solves log k − ψ(k) = log(mean x) − mean(log x); then scale = mean / k."""
    s = np.log(np.mean(x)) - np.mean(np.log(x))
    k = (3 - s + np.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)  # Minka's starting point
    for _ in range(50):
        step = (np.log(k) - digamma(k) - s) / (1 / k - polygamma(1, k))
        k -= step
        if abs(step) < 1e-14 * k:
            break
    return float(k), float(np.mean(x) / k)


def posterior(prior, likelihood):
    """Bayes' theorem over a list of hypotheses: P(H | E) = P(E | H) P(H) / P(E)."""
    joint = np.asarray(prior) * np.asarray(likelihood)
    return joint  # P(E | H) P(H), never divided by P(E)


def beta_posterior(successes, failures, a=1.0, b=1.0):
    belief = beta(a + successes, b + failures)
    low, high = belief.ppf([0.025, 0.975])
    return float(belief.mean()), float(low), float(high)
