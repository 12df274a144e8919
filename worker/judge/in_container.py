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
