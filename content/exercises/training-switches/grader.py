"""Cases and property checks for training-switches. Worker only (trusted).

The cosine schedule and BatchNorm are compared with PyTorch's own (oracle/torch_switches.py,
reference run). Dropout and augmentation are random, so no single right output exists:
their checks ask for nn.Dropout's properties (each entry zeroed with probability p, the rest
scaled by 1/(1-p), a new mask per call, the identity in eval mode) and for the stated
augmentation (each image flipped or not and shifted by at most one pixel, in its own place),
then for prediction that does not depend on the batch or the call. The ablation table is
checked for sanity, not for any particular gain.
"""

from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
CONFIG_NAMES = ["baseline", "+batchnorm", "+dropout", "+augment", "+cosine"]
SWITCH_OF = {"+batchnorm": "batchnorm", "+dropout": "dropout", "+augment": "augment",
             "+cosine": "cosine"}  # fmt: skip
ALL_ON = {"batchnorm": True, "dropout": 0.3, "augment": True, "cosine": True}


def _images(name, rows):
    return (np.load(DATA / name)[rows].astype(np.float32) / 255.0)[:, None]


# --- Cases --------------------------------------------------------------------------------


def schedule_cases(rng):
    return [
        {"args": [0.1, 0.0, 10]},
        {"args": [0.05, 0.001, 7]},
        {"args": [1.0, 0.1, 1]},
        {"args": [0.003, 0.0001, 30]},
    ]


def _bn_state(rng, channels):
    return {
        "weight": rng.uniform(0.5, 1.5, channels),
        "bias": rng.normal(0, 0.3, channels),
        "running_mean": rng.normal(0, 0.2, channels),
        "running_var": rng.uniform(0.5, 1.5, channels),
        "num_batches_tracked": np.array(0, dtype=np.int64),
    }


def batchnorm_cases(rng):
    """Maps whose channel means and spreads are far from the running statistics, so a
    layer that uses the wrong ones in either mode shows it at once."""
    cases = []
    for shape, modes in [
        ((4, 3, 5, 5), [True, True, False, True, False]),
        ((8, 2, 3, 3), [True, False, True, False]),
        ((2, 5, 4, 4), [False, True, False]),
    ]:
        channels = shape[1]
        offset = rng.normal(2.0, 1.0, size=(1, channels, 1, 1))
        scale = rng.uniform(1.5, 3.0, size=(1, channels, 1, 1))
        xs = [offset + scale * rng.normal(size=shape) for _ in modes]
        cases.append({"args": [_bn_state(rng, channels), xs, modes]})
    return cases


def dropout_cases(rng):
    return [{"args": [rng.normal(size=(20, 100)).astype(np.float32), p]} for p in (0.2, 0.6, 0.0)]


def augment_cases(rng):
    rows = rng.choice(len(np.load(DATA / "y_train.npy")), 32, replace=False)
    return [{"args": [_images("X_train.npy", rows)]}]


def eval_cases(rng):
    rows = rng.choice(len(np.load(DATA / "y_val.npy")), 64, replace=False)
    return [{"args": [np.load(DATA / "X_val.npy")[rows], ALL_ON]}]


# --- Properties ---------------------------------------------------------------------------


def _array(value, name):
    try:
        return np.asarray(value, dtype=np.float64), None
    except (TypeError, ValueError, OverflowError):
        return None, f"'{name}' is not an array of numbers"


def _parts(value, names, shape):
    if not isinstance(value, dict) or set(names) - set(value):
        return None, f"expected a dict with {names}"
    arrays = {}
    for name in names:
        arrays[name], problem = _array(value[name], name)
        if problem:
            return None, problem
        if arrays[name].shape != shape:
            return None, f"'{name}' has shape {arrays[name].shape}, expected {shape}"
    return arrays, None


def dropout_behaviour(value, x, p):
    """None when Dropout(p) acted as inverted dropout in training and as the identity in eval."""
    x = np.asarray(x, dtype=np.float64)
    out, problem = _parts(value, ["train_1", "train_2", "eval"], x.shape)
    if problem:
        return problem
    if not np.allclose(out["eval"], x, rtol=1e-6, atol=1e-7):
        return (
            "changed its input in eval mode; after model.eval() dropout must return x as it is "
            f"({int((~np.isclose(out['eval'], x, rtol=1e-6, atol=1e-7)).sum())} of {x.size} "
            "entries differ)"
        )
    for name in ("train_1", "train_2"):
        got = out[name]
        kept = got != 0
        scale = 1.0 / (1.0 - p)
        if not np.allclose(got[kept], x[kept] * scale, rtol=1e-5, atol=1e-6):
            if np.allclose(got[kept], x[kept], rtol=1e-5, atol=1e-6) and p > 0:
                return (
                    f"in training mode kept the surviving entries as they were; they must be "
                    f"scaled by 1/(1-p) = {scale:.4g} so that the expected output equals x"
                )
            return "in training mode gave entries that are neither 0 nor x/(1-p)"
        dropped = 1.0 - kept.mean()
        tolerance = 4 * np.sqrt(p * (1 - p) / x.size) + 2e-3
        if abs(dropped - p) > tolerance:
            extra = (
                " (1 - p: p is the probability of dropping)"
                if abs(dropped - (1 - p)) < tolerance
                else ""
            )
            return (
                f"in training mode zeroed {dropped:.1%} of {x.size} entries{extra}; with p={p} "
                f"about {p:.0%} should be"
            )
    if p > 0 and np.array_equal(out["train_1"] != 0, out["train_2"] != 0):
        return "gave the same mask on two calls in training mode; draw a new one every call"
    return None


def _shifted(image, dy, dx):
    """image moved down dy and right dx pixels, zero fill: out[y, x] = image[y - dy, x - dx]."""
    h, w = image.shape[-2:]
    out = np.zeros_like(image)
    out[..., max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = image[
        ..., max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
    ]
    return out


def _transforms(image):
    """(flipped, dy, dx) → image flipped left-right or not, then shifted by at most 1 pixel."""
    return {
        (flip, dy, dx): _shifted(image[..., ::-1] if flip else image, dy, dx)
        for flip in (False, True)
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
    }


def _matches(candidate, transforms):
    return [key for key, image in transforms.items() if np.allclose(candidate, image, atol=1e-6)]


def augment_behaviour(value, images):
    """None when Augment flipped and shifted each image in its own place in training mode,
    at random, and left the batch alone in eval mode."""
    images = np.asarray(images, dtype=np.float64)
    out, problem = _parts(value, ["train_1", "train_2", "eval"], images.shape)
    if problem:
        return problem
    if not np.allclose(out["eval"], images, atol=1e-6):
        return "changed the images in eval mode; augmentation belongs to training only"
    transforms = [_transforms(image) for image in images]
    flipped = shifted = 0
    for i, candidate in enumerate(out["train_1"]):
        keys = _matches(candidate, transforms[i])
        if not keys:
            elsewhere = next(
                (j for j in range(len(images)) if j != i and _matches(candidate, transforms[j])),
                None,
            )
            if elsewhere is not None:
                return (
                    f"returned at position {i} a copy of image {elsewhere}: the batch was "
                    "reordered, so the images no longer sit beside their labels"
                )
            return (
                f"returned image {i} as something other than the image flipped left-right or "
                "not and shifted by at most one pixel with zero fill"
            )
        flipped += all(flip for flip, _, _ in keys)
        shifted += all((dy, dx) != (0, 0) for _, dy, dx in keys)
    n = len(images)
    if not 3 <= flipped <= n - 3:
        return (
            f"flipped {flipped} of {n} images; each should be flipped with probability 1/2, "
            "drawn per image"
        )
    if shifted < n // 3:
        return (
            f"shifted only {shifted} of {n} images; each should get its own random shift of "
            "-1, 0 or 1 pixels in each direction"
        )
    if np.allclose(out["train_1"], out["train_2"], atol=1e-6):
        return "gave the same result on two calls in training mode; draw new flips and shifts each call"
    return None


def eval_deterministic(value, X, config):
    """None when predict_logits gave the same logits twice and for an image alone or in a batch."""
    n = len(X)
    if not isinstance(value, dict) or {"batch", "again", "first_five"} - set(value):
        return "expected a dict with 'batch', 'again' and 'first_five'"
    batch, problem = _array(value["batch"], "batch")
    again, problem2 = _array(value["again"], "again")
    five, problem3 = _array(value["first_five"], "first_five")
    if problem or problem2 or problem3:
        return problem or problem2 or problem3
    if batch.shape != (n, 10) or again.shape != (n, 10) or five.shape != (5, 10):
        return f"returned logits of shapes {batch.shape}, {again.shape}, {five.shape}; expected ({n}, 10) and (5, 10)"
    if not np.allclose(batch, again, rtol=1e-4, atol=1e-5):
        return (
            "gave different logits for the same images on two calls: something random (dropout "
            "or augmentation) is still on at prediction; call model.eval() and make the "
            "switches act in training mode only"
        )
    if not np.allclose(batch[:5], five, rtol=1e-4, atol=1e-5):
        return (
            "gave different logits for the first five images alone than inside the batch of "
            f"{n}: in eval mode BatchNorm must use its running statistics, not the batch's"
        )
    return None


def _cosine(t, base, eta_min, total):
    return eta_min + (base - eta_min) * (1 + np.cos(np.pi * t / total)) / 2


def ablation_sane(value, X_train, y_train, X_val, y_val):
    """None when the table has every configuration, learning curves that learned, the
    learning rates each switch implies, and a visible effect of every switch."""
    if not isinstance(value, dict) or set(value) != set(CONFIG_NAMES):
        got = sorted(value) if isinstance(value, dict) else type(value).__name__
        return f"returned a table with {got}; expected the configurations {CONFIG_NAMES}"
    epochs = None
    for name in CONFIG_NAMES:
        row = value[name]
        if not isinstance(row, dict):
            return f"row '{name}' is not a dict"
        columns = {}
        for column in ("train_loss", "val_loss", "val_accuracy", "lr"):
            array, problem = _array(row.get(column), f"{name}: {column}")
            if problem or array.ndim != 1:
                return problem or f"'{name}': '{column}' is not a list of one number per epoch"
            if not np.isfinite(array).all():
                return f"'{name}': '{column}' holds NaN or infinity"
            columns[column] = array
        lengths = {len(a) for a in columns.values()}
        if len(lengths) != 1 or (epochs is not None and lengths != {epochs}):
            return f"'{name}' has columns of lengths {sorted(lengths)}; every run needs one value per epoch, the same epochs for all"
        epochs = lengths.pop()
        if epochs < 3:
            return f"'{name}' ran {epochs} epochs; the ablation needs at least 3"
        acc, loss, lr = columns["val_accuracy"], columns["train_loss"], columns["lr"]
        if acc.min() < 0 or acc.max() > 1:
            return f"'{name}': validation accuracies must lie in 0–1, got {acc.min():.3g} to {acc.max():.3g}"
        if not loss[-1] < loss[0]:
            return f"'{name}': the training loss went from {loss[0]:.3f} to {loss[-1]:.3f}; it did not learn"
        if acc[-1] < 0.5:
            return f"'{name}': the last validation accuracy is {acc[-1]:.3f}; a working run of this budget ends above 0.5"
        config = row.get("config") if isinstance(row.get("config"), dict) else {}
        if name == "+cosine":  # the only configuration with the cosine switch on
            want = _cosine(np.arange(epochs), lr[0], float(config.get("eta_min", 0.0)), epochs)
            if not np.allclose(lr, want, rtol=1e-6, atol=1e-9):
                return (
                    f"'{name}' used the learning rates {np.round(lr, 5).tolist()}; with the cosine "
                    f"switch, epoch e trains at cosine_lr(e, {lr[0]:g}, eta_min, {epochs}): "
                    f"{np.round(want, 5).tolist()}"
                )
        elif not np.allclose(lr, lr[0]):
            return f"'{name}' changed the learning rate without the cosine switch: {np.round(lr, 5).tolist()}"
    for before, after in zip(CONFIG_NAMES, CONFIG_NAMES[1:], strict=False):
        same = np.allclose(value[before]["train_loss"], value[after]["train_loss"], rtol=1e-9)
        if same:
            return (
                f"'{after}' has exactly the training losses of '{before}': its switch "
                f"('{SWITCH_OF[after]}') changed nothing in the run"
            )
    return None
