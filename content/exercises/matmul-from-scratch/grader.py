"""Case generators for matmul-from-scratch. Trusted: runs in the worker, never in the sandbox."""


def _matrix(rng, rows, cols):
    return rng.uniform(-10, 10, size=(rows, cols)).round(3).tolist()


def random_products(rng):
    shapes = [(1, 1, 1), (2, 2, 2), (2, 3, 4), (4, 3, 2), (1, 5, 1), (5, 1, 5), (7, 6, 3)]
    return [{"args": [_matrix(rng, n, k), _matrix(rng, k, m)]} for n, k, m in shapes]


def mismatched_shapes(rng):
    return [
        {"args": [_matrix(rng, 2, 3), _matrix(rng, 2, 3)]},
        {"args": [_matrix(rng, 3, 1), _matrix(rng, 3, 1)]},
    ]
