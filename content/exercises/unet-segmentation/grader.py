"""Cases, the architecture's arithmetic and the mean-IoU judge for unet-segmentation.
Worker only (trusted): the held-out masks in hidden/ are read here and never shipped."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
FULL_MARKS_IOU = 0.76  # the reference reaches 0.79–0.81 over seeds; without skips about 0.72


def shape_cases(rng):
    # (in_channels, out_channels, base, depth, batch, size); size divisible by 2**depth
    return [
        {"args": [1, 1, 8, 2, 2, 32]},
        {"args": [3, 2, 4, 3, 1, 48]},
        {"args": [1, 5, 4, 1, 3, 20]},
    ]


def count_cases(rng):
    # (in_channels, out_channels, base, depth); the last is the paper's size
    return [
        {"args": [1, 1, 8, 2]},
        {"args": [3, 2, 16, 3]},
        {"args": [1, 4, 4, 1]},
        {"args": [1, 2, 64, 4]},
    ]


def unet_shape(in_channels, out_channels, base, depth, batch, size):
    return [batch, out_channels, size, size]


def _double_conv(a, b):
    """Two bias-free 3×3 convolutions a→b and b→b, each with BatchNorm's weight and bias."""
    return 9 * a * b + 9 * b * b + 4 * b


def unet_parameters(in_channels, out_channels, base, depth):
    widths = [base * 2**i for i in range(depth + 1)]
    count = _double_conv(in_channels, base)
    for i in range(depth):
        count += _double_conv(widths[i], widths[i + 1])  # encoder level i + 1
        count += 4 * widths[i + 1] * widths[i] + widths[i]  # 2×2 transposed convolution
        count += _double_conv(2 * widths[i], widths[i])  # decoder: skip and upsampled maps
    return count + base * out_channels + out_channels  # the 1×1 head


def mean_iou(predicted, truth):
    """Mean over images of |P ∩ T| / |P ∪ T| on the foreground; an image where both are
    empty counts as 1."""
    inter = (predicted & truth).sum(axis=(1, 2))
    union = (predicted | truth).sum(axis=(1, 2))
    return float(np.where(union > 0, inter / np.maximum(union, 1), 1.0).mean())


def iou_on_hidden_masks(value, X_train, y_train, X_test):
    """None when the predicted masks reach the full-marks mean IoU on the held-out masks."""
    truth = np.load(HERE / "hidden" / "y_test.npy").astype(bool)
    try:
        masks = np.asarray(value)
    except (TypeError, ValueError):
        return "returned something that is not an array of masks"
    if masks.shape != truth.shape:
        return (
            f"returned masks of shape {masks.shape}; expected {truth.shape}, one 32×32 mask "
            "of 0s and 1s per test image"
        )
    if masks.dtype.kind not in "biuf" or not np.isin(masks, (0, 1)).all():
        return (
            "returned masks with values other than 0 and 1; threshold the probabilities "
            "(sigmoid of the logits) at 0.5"
        )
    score = mean_iou(masks.astype(bool), truth)
    foreground = masks.astype(bool).mean()
    if score >= FULL_MARKS_IOU:
        return None
    note = ""
    if foreground > 0.9:
        note = (
            f". You marked {foreground:.0%} of all pixels as foreground: a sigmoid applied to "
            "probabilities that already passed one gives more than 1/2 everywhere"
        )
    return (
        f"reached a mean IoU of {score:.4f} over {len(truth)} held-out images; full marks need "
        f"≥ {FULL_MARKS_IOU} (the reference solution reaches about 0.80, a U-Net without its "
        f"skip connections about 0.72, one global brightness threshold about 0.48){note}"
    )
