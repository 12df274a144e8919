"""Cases for housing-regression-cv's fold check: the shipped training sales, several k and
alpha. Worker only."""


def fold_cases(rng):
    return [{"args": ["data/train.csv", k, alpha]} for k, alpha in [(5, 10.0), (4, 1.0), (3, 30.0)]]
