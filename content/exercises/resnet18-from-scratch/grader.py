"""Cases for resnet18-from-scratch. Worker only."""

import numpy as np


def class_counts(rng):
    return [{"args": [1000]}, {"args": [10]}]


def input_sizes(rng):
    return [{"args": [1, 224, 1000]}, {"args": [2, 64, 10]}, {"args": [1, 97, 10]}]


def _bn(rng, name, planes):
    return {
        f"{name}.weight": rng.uniform(0.5, 1.5, planes),
        f"{name}.bias": rng.normal(0, 0.1, planes),
        f"{name}.running_mean": rng.normal(0, 0.1, planes),
        f"{name}.running_var": rng.uniform(0.5, 1.5, planes),
        f"{name}.num_batches_tracked": np.array(10, dtype=np.int64),
    }


def _block(rng, in_planes, planes, stride):
    w = {"conv1.weight": rng.normal(0, (9 * in_planes) ** -0.5, (planes, in_planes, 3, 3))}
    w |= _bn(rng, "bn1", planes)
    w["conv2.weight"] = rng.normal(0, (9 * planes) ** -0.5, (planes, planes, 3, 3))
    w |= _bn(rng, "bn2", planes)
    if stride != 1 or in_planes != planes:
        w["downsample.0.weight"] = rng.normal(0, in_planes**-0.5, (planes, in_planes, 1, 1))
        w |= _bn(rng, "downsample.1", planes)
    return w


def blocks(rng):
    cases = []
    for in_planes, planes, stride, training in [
        (4, 4, 1, False),
        (4, 8, 2, False),
        (6, 6, 1, True),
        (4, 8, 2, True),
    ]:
        x = rng.normal(size=(2, in_planes, 9, 9))
        cases.append(
            {
                "args": [
                    _block(rng, in_planes, planes, stride),
                    x,
                    in_planes,
                    planes,
                    stride,
                    training,
                ]
            }
        )
    return cases


# --- Expected values computed here, in the worker, by arithmetic (no torchvision, no run). ---

STAGES = [(64, 64, 1), (64, 64, 1), (64, 128, 2), (128, 128, 1),
          (128, 256, 2), (256, 256, 1), (256, 512, 2), (512, 512, 1)]  # fmt: skip


def _block_parameters(in_planes, planes, stride):
    count = in_planes * planes * 9 + 2 * planes + planes * planes * 9 + 2 * planes
    if stride != 1 or in_planes != planes:
        count += in_planes * planes + 2 * planes  # 1×1 projection and its BatchNorm
    return count


def resnet18_parameters(num_classes):
    """11,689,512 for 1000 classes, as the paper's ResNet-18 (and torchvision's) has."""
    stem = 3 * 64 * 7 * 7 + 2 * 64
    return stem + sum(_block_parameters(*s) for s in STAGES) + 512 * num_classes + num_classes


def _down(size, kernel, stride, padding):
    return (size + 2 * padding - kernel) // stride + 1


def resnet18_shapes(batch, size, num_classes):
    """Stem (7×7/2 conv, 3×3/2 max-pool), then the four stages, then the logits."""
    size = _down(_down(size, 7, 2, 3), 3, 2, 1)
    shapes = [[batch, 64, size, size]]
    for planes, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
        size = _down(size, 3, stride, 1)
        shapes.append([batch, planes, size, size])
    return shapes + [[batch, num_classes]]
