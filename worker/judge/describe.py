"""Short, learner-readable descriptions of values: shapes for matrices, reprs for the rest."""

from __future__ import annotations

from typing import Any

import numpy as np


def shape_of(value: Any) -> tuple[int, ...] | None:
    if isinstance(value, np.ndarray):
        return value.shape
    if (
        isinstance(value, (list, tuple))
        and value
        and all(isinstance(row, (list, tuple)) for row in value)
    ):
        widths = {len(row) for row in value}
        if len(widths) == 1:
            return (len(value), widths.pop())
    if isinstance(value, (list, tuple)):
        return (len(value),)
    return None


def describe(value: Any, limit: int = 60) -> str:
    """The value itself when it is short, else its shape (a 7×3 list), else a cut repr."""
    text = repr(value.tolist() if isinstance(value, np.ndarray) else value)
    if len(text) <= limit:
        return text
    shape = shape_of(value)
    if shape is not None:
        kind = "array" if isinstance(value, np.ndarray) else "list"
        return f"a {'×'.join(map(str, shape))} {kind}"
    return text[: limit - 1] + "…"


def describe_call(function: str, args: list, kwargs: dict) -> str:
    args, kwargs = shown(args), shown(kwargs)
    parts = [describe(a, 30) for a in args] + [f"{k}={describe(v, 30)}" for k, v in kwargs.items()]
    return f"{function}({', '.join(parts)})"


class _Shown(str):
    """A ready-made description that describe() prints as is."""

    def __repr__(self) -> str:
        return str(self)


def shown(value: Any) -> Any:
    """Plan values (codec's tagged forms) made readable: arrays by shape, files by name."""
    if isinstance(value, list):
        return [shown(v) for v in value]
    if isinstance(value, dict):
        if "__ndarray__" in value:
            shape = "×".join(map(str, value.get("shape", []))) or "scalar"
            return _Shown(f"a {shape} {'tensor' if value.get('torch') else 'array'}")
        if "__file__" in value:
            return _Shown(str(value["__file__"]))
        if "__tuple__" in value:
            return tuple(shown(v) for v in value["__tuple__"])
        return {k: shown(v) for k, v in value.items()}
    return value
