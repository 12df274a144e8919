"""The expected residual block: the basic block of He et al. (2016) as torchvision writes it,
spelt out with torch's own layers and functional calls on the case's weights.

Runs only in the reference run. Keys as torchvision's BasicBlock names them (conv1, bn1,
conv2, bn2, downsample.0, downsample.1), so the learner's state_dict must match them.
"""

import torch
from torch.nn import functional as F


def _bn(x, w, name, training):
    return F.batch_norm(
        x,
        w[f"{name}.running_mean"].clone(),
        w[f"{name}.running_var"].clone(),
        w[f"{name}.weight"],
        w[f"{name}.bias"],
        training=training,
        momentum=0.1,
        eps=1e-5,
    )


def block_forward(weights, x, in_planes, planes, stride, training):
    w = {name: torch.as_tensor(value) for name, value in weights.items()}
    x = torch.as_tensor(x)
    out = F.relu(_bn(F.conv2d(x, w["conv1.weight"], stride=stride, padding=1), w, "bn1", training))
    out = _bn(F.conv2d(out, w["conv2.weight"], padding=1), w, "bn2", training)
    identity = x
    if "downsample.0.weight" in w:
        identity = _bn(
            F.conv2d(x, w["downsample.0.weight"], stride=stride), w, "downsample.1", training
        )
    return F.relu(out + identity).numpy()
