"""A base layer's weights, LoRA factors and inputs (float64). Worker only."""


def _case(rng, n_in, n_out, r, batch):
    W = rng.normal(scale=1 / n_in**0.5, size=(n_out, n_in))
    b = rng.normal(scale=0.1, size=(n_out,))
    A = rng.normal(scale=0.5, size=(r, n_in))
    B = rng.normal(scale=0.5, size=(n_out, r))
    x = rng.normal(size=(batch, n_in))
    return W, b, A, B, x


DIMS = [(4, 3, 1, 2), (16, 8, 4, 5), (32, 32, 8, 3)]


def adapters(rng):
    cases = []
    for (n_in, n_out, r, batch), alpha in zip(DIMS, [1.0, 8.0, 16.0], strict=True):
        W, b, A, B, x = _case(rng, n_in, n_out, r, batch)
        cases.append({"args": [W, b, A, B, alpha, x]})
    return cases


def fresh_layers(rng):
    cases = []
    for n_in, n_out, r, batch in DIMS:
        W, b, _, _, x = _case(rng, n_in, n_out, r, batch)
        cases.append({"args": [W, b, r, 2.0 * r, x]})
    return cases
