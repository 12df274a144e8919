"""Box IoU and non-maximum suppression in NumPy. Boxes are rows (x1, y1, x2, y2).

WRONG: the union is the sum of the two areas, counting the overlap twice."""

import numpy as np


def box_area(boxes):
    """Area of each box: width times height, in continuous coordinates (no +1)."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def box_iou(boxes1, boxes2):
    """(N, M) matrix: IoU of box i of boxes1 with box j of boxes2; 0 where the union is 0."""
    a = np.asarray(boxes1, dtype=np.float64).reshape(-1, 4)
    b = np.asarray(boxes2, dtype=np.float64).reshape(-1, 4)
    top_left = np.maximum(a[:, None, :2], b[None, :, :2])
    bottom_right = np.minimum(a[:, None, 2:], b[None, :, 2:])
    sides = np.clip(bottom_right - top_left, 0, None)
    inter = sides[..., 0] * sides[..., 1]
    union = box_area(a)[:, None] + box_area(b)[None, :]
    safe = np.where(union > 0, union, 1.0)
    return np.where(union > 0, inter / safe, 0.0)


def nms(boxes, scores, iou_threshold):
    """Indices of the boxes kept, by decreasing score: visit boxes from the best, keep one,
    drop every later box whose IoU with it is greater than iou_threshold."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(best)
        order = rest[box_iou(boxes[best], boxes[rest])[0] <= iou_threshold]
    return np.array(keep, dtype=np.int64)


def batched_nms(boxes, scores, classes, iou_threshold):
    """NMS within each class on its own: boxes of different classes never suppress each
    other. All kept indices, by decreasing score."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    scores = np.asarray(scores, dtype=np.float64)
    classes = np.asarray(classes)
    keep = [
        rows[nms(boxes[rows], scores[rows], iou_threshold)]
        for rows in (np.flatnonzero(classes == c) for c in np.unique(classes))
    ]
    keep = np.sort(np.concatenate(keep)) if keep else np.zeros(0, dtype=np.int64)
    return keep[np.argsort(-scores[keep], kind="stable")]
