"""Shipped into every container as `_backprop_helpers.py`: plan steps that are not learner functions.

`load_module` imports the learner's module in a step of its own, so slow imports (scikit-learn,
torch) spend their own time budget instead of the first case's. It runs beside learner code, so
it decides nothing.

`http` checks have no helper here: they are harness `http` steps (`sandbox/harness/web.py`),
whose requests the supervisor sends from outside the learner's process, so learner code cannot
answer them by patching the HTTP client.
"""

import importlib


def load_module(*names):
    for name in names:
        importlib.import_module(name)
    return True


def forward_with_weights(module_name, class_name, sizes, weights, x):
    """The learner's module built with given weights (a state dict of arrays), run on x: its
    values then depend on the computation in forward alone, not on training or a seed."""
    import torch

    cls = getattr(importlib.import_module(module_name), class_name)
    model = cls(*sizes)
    model.load_state_dict({name: torch.as_tensor(value) for name, value in weights.items()})
    model.eval()
    with torch.no_grad():
        return model(torch.as_tensor(x, dtype=torch.float32))


def _learner(module_name, name):
    return getattr(importlib.import_module(module_name), name)


def two_layer_predict(module_name, train_name, X_train, y_train, X_test, scale, max_hidden):
    """Digits predicted here, from the parameters the learner's training returns (ReLU, then the
    argmax of the logits): predictions that do not come from trained weights, a k-NN's, have
    no way in. The judge still decides, in the worker, from these predictions alone."""
    import numpy as np

    params = _learner(module_name, train_name)(X_train, y_train)
    if not isinstance(params, dict) or not {"W1", "b1", "W2", "b2"} <= set(params):
        raise TypeError(
            f"{train_name} must return the trained parameters as a dict with W1, b1, W2 and b2"
        )
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    X = np.asarray(X_test, dtype=float) * scale
    if W1.shape[0] != X.shape[1] or W1.shape[1] > max_hidden:
        raise ValueError(
            f"W1 is {W1.shape[0]}×{W1.shape[1]}: the network takes {X.shape[1]} pixels and has "
            f"at most {max_hidden} hidden units (a layer that stores the training images is a "
            "lookup table, not a trained network)"
        )
    return np.argmax(np.maximum(0, X @ W1 + b1) @ W2 + b2, axis=1)


def module_predict(module_name, train_name, class_name, X_train, y_train, X_test, scale):
    """Digits predicted here from the weights of the module the learner's training returns
    (out(relu(hidden(x))) computed with torch's functions), so they come from what was trained."""
    import torch
    from torch.nn import functional

    model = _learner(module_name, train_name)(X_train, y_train)
    cls = _learner(module_name, class_name)
    if not isinstance(model, cls):
        raise TypeError(
            f"{train_name} must return the trained {class_name}, got {type(model).__name__}"
        )
    state = {name: value.detach().float() for name, value in model.state_dict().items()}
    X = torch.as_tensor(X_test, dtype=torch.float32) * scale
    with torch.no_grad():
        hidden = functional.relu(functional.linear(X, state["hidden.weight"], state["hidden.bias"]))
        logits = functional.linear(hidden, state["out.weight"], state["out.bias"])
    return logits.argmax(dim=1).numpy()


def train_steps_with_weights(module_name, class_name, sizes, weights, batches, lr):
    """The learner's model with given weights, trained by the learner's `train_step` on given
    batches with an optimizer made here (SGD, momentum 0.9): its losses and final weights,
    compared with torch's own loop on the same start (the oracle)."""
    import torch

    model = _learner(module_name, class_name)(*sizes)
    model.load_state_dict({name: torch.as_tensor(value) for name, value in weights.items()})
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    step = _learner(module_name, "train_step")
    losses = [
        float(step(model, optimizer, torch.as_tensor(x, dtype=torch.float32), torch.as_tensor(y)))
        for x, y in batches
    ]
    final = {name: value.detach().numpy() for name, value in model.state_dict().items()}
    return {"losses": losses, **final}
