import torch
from torch import nn


def conv3x3(in_planes, planes, stride=1):
    return nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    """Two 3×3 convolutions with BatchNorm; the input (projected when the shape changes) is
    added before the last ReLU."""

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        # TODO: conv1 (carries the stride), bn1, relu, conv2, bn2, and downsample: None, or
        # nn.Sequential(1×1 conv with the stride, BatchNorm2d) when the shape changes.
        self.downsample = None

    def forward(self, x):
        # TODO: relu(bn1(conv1(x))), bn2(conv2(...)), add the (projected) input, relu
        return x


class ResNet18(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        # TODO: the stem (conv1 7×7 stride 2, bn1, relu, maxpool 3×3 stride 2), layer1..layer4
        # (two BasicBlocks each: 64, 128, 256, 512 channels), avgpool, fc
        self.fc = nn.Linear(512, num_classes)

    def stages(self, x):
        """The activations after the stem and after each of the four stages, then the logits."""
        return [x]

    def forward(self, x):
        return self.stages(x)[-1]


# --- What the grader calls. ---------------------------------------------------------------


def parameter_count(num_classes):
    return sum(p.numel() for p in ResNet18(num_classes).parameters())


def stage_shapes(batch, size, num_classes):
    model = ResNet18(num_classes).eval()
    with torch.no_grad():
        outputs = model.stages(torch.zeros(batch, 3, size, size))
    return [list(out.shape) for out in outputs]


def block_forward(weights, x, in_planes, planes, stride, training):
    block = BasicBlock(in_planes, planes, stride).double()
    block.load_state_dict({name: torch.as_tensor(value) for name, value in weights.items()})
    block.train(training)
    with torch.no_grad():
        return block(torch.as_tensor(x)).numpy()
