"""Expected values from the LoRA formulas (Hu et al., 2021), written out (reference run only)."""


def adapted_output(W, b, A, B, alpha, x):
    return x @ W.T + b + (alpha / A.shape[0]) * x @ A.T @ B.T


def merged_weight_and_output(W, b, A, B, alpha, x):
    merged = W + (alpha / A.shape[0]) * B @ A
    return {"weight": merged, "bias": b, "output": x @ merged.T + b}


def output_at_start(W, b, r, alpha, x):
    return x @ W.T + b


def trainable_parameters(in_features, out_features, r):
    return {
        "trainable": r * (in_features + out_features),
        "frozen": out_features * (in_features + 1),
    }
