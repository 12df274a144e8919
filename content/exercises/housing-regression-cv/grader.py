"""Small samples of the synthetic city for housing-regression-cv's fold check. Worker only."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "housing_generate", Path(__file__).with_name("generate.py")
)
_generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_generate)


def city_samples(rng):
    cases = []
    for n, k, alpha in [(120, 5, 10.0), (90, 3, 1.0), (200, 4, 30.0)]:
        X, y = _generate.houses(rng, n)
        cases.append({"args": [X, y, k, alpha]})
    return cases
