"""Box IoU and non-maximum suppression. Boxes are rows (x1, y1, x2, y2) with x1 <= x2 and
y1 <= y2. Write it with NumPy (or torch, if you prefer); torchvision is not available."""

import numpy as np


def box_area(boxes):
    """Area of each box: width times height, in continuous coordinates (no +1)."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def box_iou(boxes1, boxes2):
    """(N, M) matrix: IoU of box i of boxes1 with box j of boxes2; 0 where the union is 0."""
    a = np.asarray(boxes1, dtype=np.float64).reshape(-1, 4)
    b = np.asarray(boxes2, dtype=np.float64).reshape(-1, 4)
    # TODO: the intersection of every pair (broadcast a[:, None] against b[None, :]),
    # the union from the two areas, and their ratio.
    return np.zeros((len(a), len(b)))


def nms(boxes, scores, iou_threshold):
    """Indices of the boxes kept, by decreasing score: visit boxes from the best, keep one,
    drop every later box whose IoU with it is greater than iou_threshold."""
    # TODO: sort by score (equal scores: lower index first), then the greedy loop.
    return np.zeros(0, dtype=np.int64)


def batched_nms(boxes, scores, classes, iou_threshold):
    """NMS within each class on its own: boxes of different classes never suppress each
    other. All kept indices, by decreasing score."""
    # TODO: run nms per class, then merge the kept indices by decreasing score.
    return np.zeros(0, dtype=np.int64)
