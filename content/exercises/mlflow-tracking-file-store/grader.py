"""Cases and read-back judgements for mlflow-tracking-file-store. Worker only.

The learner's train_and_log() runs twice (C = 1.0, then C = 0.1); then the package's reader,
data/mlflow_readback.py, opens mlruns/ with MLflow's client in the container and returns what
it finds. Each function below judges that read-back here, against the values the calls were
given and labels the container never sees.
"""

import re
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
CS = (1.0, 0.1)  # the C of each train_and_log() call, in order
MAX_ITER = 500
TEST_ACCURACY = 0.9  # the reference's models reach 0.93-0.96 on the 114 test tumours


def _load(relative):
    return np.load(HERE / relative)


def store(rng):
    """read_back("mlruns", ...) with the rows whose predictions are compared."""
    return [
        {
            "args": ["mlruns"],
            "kwargs": {
                "X_train": _load("data/X_train.npy"),
                "X_val": _load("data/X_val.npy"),
                "X_test": _load("hidden/X_test.npy"),
            },
        }
    ]


def is_run_id(value, *args, **kwargs):
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{32}", value):
        return None
    return f"returned {value!r:.60}; train_and_log must return the run's id (run.info.run_id)"


def _runs(value):
    """(runs, None) or (None, what is wrong)."""
    if not isinstance(value, dict):
        return None, f"the reader returned {type(value).__name__}"
    if value.get("error"):
        return None, f"found nothing to read: {value['error']}"
    runs = value.get("runs") or []
    if len(runs) != len(CS):
        return None, (
            f"found {len(runs)} runs in the experiment; expected {len(CS)}, one per "
            "train_and_log() call (one start_run each, every run ended)"
        )
    return runs, None


def params_as_passed(value, *args, **kwargs):
    runs, problem = _runs(value)
    if problem:
        return problem
    for number, (run, C) in enumerate(zip(runs, CS, strict=True), start=1):
        params = run.get("params") or {}
        for name, want in (("C", C), ("max_iter", MAX_ITER)):
            if name not in params:
                return (
                    f"run {number} has no param '{name}' (its params: "
                    f"{', '.join(sorted(params)) or 'none'})"
                )
            try:
                got = float(params[name])
            except ValueError:
                return f"run {number}'s param '{name}' is {params[name]!r}, not a number"
            if not np.isclose(got, want, rtol=1e-12, atol=0):
                return f"run {number}'s param '{name}' is {params[name]}; that call passed {want:g}"
    return None


def metrics_as_measured(value, *args, **kwargs):
    runs, problem = _runs(value)
    if problem:
        return problem
    truth = {"train": _load("data/y_train.npy"), "val": _load("data/y_val.npy")}
    for number, run in enumerate(runs, start=1):
        metrics = run.get("metrics") or {}
        for part in ("train", "val"):
            name = f"{part}_accuracy"
            if name not in metrics:
                return (
                    f"run {number} has no metric '{name}' (its metrics: "
                    f"{', '.join(sorted(metrics)) or 'none'})"
                )
            predictions = run.get(f"{part}_predictions")
            if predictions is None:  # no model to check it against: the model check says why
                if not 0.0 <= metrics[name] <= 1.0:
                    return f"run {number}'s {name} is {metrics[name]:g}, not a share of rows"
                continue
            measured = float(np.mean(np.asarray(predictions) == truth[part]))
            if not np.isclose(metrics[name], measured, rtol=0, atol=1e-9):
                return (
                    f"run {number}'s {name} is {metrics[name]:.6g}, but its own model is right "
                    f"on {measured:.6g} of the {part} rows"
                )
    return None


def model_loads(value, *args, **kwargs):
    runs, problem = _runs(value)
    if problem:
        return problem
    labels = _load("hidden/y_test.npy")
    for number, run in enumerate(runs, start=1):
        predictions = run.get("test_predictions")
        if predictions is None:
            return f"run {number}: {run.get('model') or 'no model was logged in this run'}"
        predictions = np.asarray(predictions)
        if predictions.shape != labels.shape:
            return (
                f"run {number}'s model gave {predictions.size} predictions for {labels.size} rows"
            )
        accuracy = float(np.mean(predictions == labels))
        if accuracy < TEST_ACCURACY:
            return (
                f"run {number}'s model, loaded back, is right on {accuracy:.3f} of the held-out "
                f"tumours; at least {TEST_ACCURACY} is expected"
            )
    return None
