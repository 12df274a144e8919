"""Case generators for sandbox-attacks-resources. Trusted: runs in the worker, never in the sandbox."""


def pairs(rng):
    return [{"args": [int(rng.integers(0, 100)), int(rng.integers(0, 100))]} for _ in range(2)]
