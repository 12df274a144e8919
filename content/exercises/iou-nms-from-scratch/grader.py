"""Cases and the expected values for iou-nms-from-scratch. Worker only (trusted).

torchvision is not installed anywhere here, so the oracle is written below in NumPy, the
way torchvision.ops defines box_iou, nms and batched_nms: corner boxes (x1, y1, x2, y2) in
continuous coordinates (no +1), a box suppressed when its IoU with a kept one is strictly
greater than the threshold, boxes visited by decreasing score. Two things torchvision leaves
open are fixed here and in the statement: an IoU whose union is 0 (two zero-area boxes) is
0, not NaN, and equal scores are visited in index order (a stable sort).
"""

import numpy as np

# --- The oracle ---------------------------------------------------------------------------


def _boxes(value):
    return np.asarray(value, dtype=np.float64).reshape(-1, 4)


def iou_oracle(boxes1, boxes2):
    """(N, M) IoU of every box of boxes1 with every box of boxes2."""
    a, b = _boxes(boxes1), _boxes(boxes2)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    width = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    height = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    inter = np.clip(width, 0, None) * np.clip(height, 0, None)
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)


def _order(scores):
    return np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")


def nms_oracle(boxes, scores, iou_threshold):
    """Indices kept by greedy NMS, by decreasing score (ties: lower index first)."""
    boxes = _boxes(boxes)
    iou = iou_oracle(boxes, boxes)
    suppressed = np.zeros(len(boxes), dtype=bool)
    keep = []
    for i in _order(scores):
        if suppressed[i]:
            continue
        keep.append(int(i))
        suppressed |= iou[i] > iou_threshold
    return np.array(keep, dtype=np.int64)


def batched_nms_oracle(boxes, scores, classes, iou_threshold):
    """NMS within each class separately; all kept indices by decreasing score."""
    boxes, scores, classes = _boxes(boxes), np.asarray(scores, float), np.asarray(classes)
    keep = []
    for c in np.unique(classes):
        rows = np.flatnonzero(classes == c)
        keep.extend(rows[nms_oracle(boxes[rows], scores[rows], iou_threshold)].tolist())
    keep = np.array(sorted(keep), dtype=np.int64)  # index order first, so ties stay in it
    return keep[_order(scores[keep])] if len(keep) else keep


# --- Cases --------------------------------------------------------------------------------


def _random_boxes(rng, n, extent=10.0, integer=False):
    corners = rng.uniform(0, extent, size=(n, 2, 2))
    if integer:
        corners = np.floor(corners)
    low, high = corners.min(axis=1), corners.max(axis=1)
    return np.concatenate([low, high], axis=1)


def _clusters(rng, objects, per_object, jitter=0.15):
    """Boxes scattered around a few objects, as a detector's raw output looks, shuffled."""
    centres = rng.uniform(20, 80, size=(objects, 2))
    sizes = rng.uniform(8, 30, size=(objects, 2))
    boxes = []
    for centre, size in zip(centres, sizes, strict=True):
        c = centre + rng.normal(0, jitter * size, size=(per_object, 2))
        s = size * rng.uniform(0.7, 1.3, size=(per_object, 2))
        boxes.append(np.concatenate([c - s / 2, c + s / 2], axis=1))
    boxes = np.concatenate(boxes)
    return boxes[rng.permutation(len(boxes))]


def _clear_of(boxes, threshold):
    """No pair's IoU within 1e-9 of the threshold: float rounding cannot decide a case."""
    iou = iou_oracle(boxes, boxes)
    return not np.any(np.abs(iou - threshold) < 1e-9)


def _detections(rng, objects, per_object, threshold):
    while True:
        boxes = _clusters(rng, objects, per_object)
        if _clear_of(boxes, threshold):
            return boxes, rng.uniform(0.05, 1.0, size=len(boxes))


def iou_cases(rng):
    return [
        {"args": [_random_boxes(rng, 5), _random_boxes(rng, 3)]},
        {"args": [_random_boxes(rng, 20, 50.0), _random_boxes(rng, 15, 50.0)]},
        # whole-pixel corners, where a +1 convention changes every value
        {"args": [_random_boxes(rng, 7, 12, True), _random_boxes(rng, 6, 12, True)]},
        {"args": [*_detections(rng, 3, 5, 0.5)[:1], _random_boxes(rng, 4, 100.0)]},
        {"args": [np.zeros((0, 4)), _random_boxes(rng, 4)]},  # no boxes: a 0×4 matrix
    ]


def iou_edge_cases(rng):
    unit = [0.0, 0.0, 1.0, 1.0]
    return [
        # touching: along an edge, at a corner, and one apart
        {"args": [np.array([unit]), np.array([[1, 0, 2, 1], [1, 1, 2, 2], [2, 0, 3, 1.0]])]},
        # identical, nested, half overlapping (IoU 1, 1/16, 1/3)
        {
            "args": [
                np.array([[0, 0, 4, 4.0]]),
                np.array([[0, 0, 4, 4], [1, 1, 2, 2], [2, 0, 6, 4.0]]),
            ]
        },  # fmt: skip
        # zero-area boxes: a point and a segment, against a box and against themselves
        {
            "args": [
                np.array([[2, 2, 2, 2], [0, 1, 3, 1.0]]),
                np.array([[0, 0, 4, 4], [2, 2, 2, 2], [0, 1, 3, 1.0]]),
            ]
        },
    ]


def nms_cases(rng):
    cases = []
    for objects, per_object, threshold in [(3, 6, 0.5), (5, 8, 0.3), (4, 10, 0.7), (20, 15, 0.5)]:
        boxes, scores = _detections(rng, objects, per_object, threshold)
        cases.append({"args": [boxes, scores, threshold]})
    # the best box comes last and overlaps both others (IoU 1/3 each): visited in the given
    # order, the first two would survive and the best would go
    order_matters = np.array([[0, 0, 10, 10], [12, 0, 22, 10], [4, 0, 18, 10.0]])
    cases.append({"args": [order_matters, np.array([0.6, 0.7, 0.9]), 0.3]})
    # IoU exactly 0.5 (2/4) at threshold 0.5: not greater, so both stay
    cases.append({"args": [np.array([[0, 0, 3, 1], [1, 0, 4, 1.0]]), np.array([0.8, 0.9]), 0.5]})
    # equal scores: the lower index is visited first
    tied = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [30, 30, 40, 40], [31, 30, 41, 40.0]])
    cases.append({"args": [tied, np.array([0.5, 0.5, 0.7, 0.7]), 0.5]})
    cases.append({"args": [np.zeros((0, 4)), np.zeros(0), 0.5]})  # nothing to keep
    return cases


def batched_nms_cases(rng):
    cases = []
    for objects, per_object, classes, threshold in [(4, 6, 2, 0.5), (8, 10, 3, 0.4)]:
        boxes, scores = _detections(rng, objects, per_object, threshold)
        cases.append({"args": [boxes, scores, rng.integers(0, classes, len(boxes)), threshold]})
    # the same box twice, once a cat (class 0), once a dog (class 1): both are kept
    same_box = np.array([[0, 0, 10, 10], [0, 0, 10, 10], [1, 0, 11, 10.0]])
    cases.append({"args": [same_box, np.array([0.9, 0.8, 0.7]), np.array([0, 1, 1]), 0.5]})
    boxes, scores = _detections(rng, 3, 5, 0.5)
    cases.append({"args": [boxes, scores, np.zeros(len(boxes), dtype=np.int64), 0.5]})  # one class
    return cases
