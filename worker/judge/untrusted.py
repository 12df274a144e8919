"""What came back from the sandbox, parsed defensively before anything judges it.

The result line is authentic (signed by the supervisor), but much of it was shaped by learner
code: a step's outcome is whatever JSON the learner process sent on its result channel (the
supervisor checks only the step id and the status), and a metrics record is any JSON object
of up to 4 KiB. So every such value is bounded here, in depth and size (``codec.decode``:
64 levels, well-formed tagged forms; texts cut and made storable) and in number range
(measurements and curve points are finite floats). Whatever does not fit becomes the
learner's outcome with a message saying why (a step ends ``error``: "returned a value the
grader cannot read: ..."), never an exception: the pipeline would take one for a fault of
ours and run the sandbox again.
"""

from __future__ import annotations

import math
from typing import Any

from sandbox.harness import codec

STATUSES = frozenset({"ok", "raised", "error", "timeout", "crashed", "skipped"})
MESSAGE_CHARS = 2000
TRACEBACK_CHARS = 4000
NAME_CHARS = 200
MAX_MRO = 64
MAX_SECONDS = 1e6
MAX_METRIC_RECORDS = 1000
MAX_METRIC_FIELDS = 64
METRIC_KEY_CHARS = 100
NUMERIC_FIELDS = ("seconds", "cpu_seconds", "timeout_seconds")


def text(value: Any, limit: int | None = None) -> str:
    """A string that any database stores: cut to ``limit``, without NUL characters or lone
    surrogates (PostgreSQL's jsonb refuses both, and learner output may hold either)."""
    if not isinstance(value, str):
        return ""
    if limit is not None:
        value = value[:limit]
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def number(value: Any, *, low: float = -math.inf, high: float = math.inf) -> float | None:
    """``value`` as a finite float within [low, high], else None (bools are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        result = float(value)
    except OverflowError:  # an int beyond the float range, such as 10 ** 400
        return None
    if not math.isfinite(result) or not low <= result <= high:
        return None
    return result


def outcome(raw: Any) -> dict[str, Any] | None:
    """One step's outcome, bounded and decoded; None when it has no step id to file it under."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    status = raw.get("status")
    clean: dict[str, Any] = {"id": text(raw["id"], NAME_CHARS)}
    for key, value in raw.items():  # plain facts pass (cut); containers only where known
        if key in clean or key in ("status", "value", "exception"):
            continue
        if key in NUMERIC_FIELDS:
            clean[key] = number(value, low=0, high=MAX_SECONDS)
        elif isinstance(value, str):
            clean[key] = text(value, MESSAGE_CHARS)
        elif value is None or isinstance(value, bool):
            clean[key] = value
        elif isinstance(value, int | float):
            clean[key] = number(value)
    if not isinstance(status, str) or status not in STATUSES:
        return {**clean, "status": "error", "message": "the step reported an invalid status"}
    clean["status"] = status
    if "exception" in raw:
        clean["exception"] = _exception(raw["exception"])
    if status == "ok":
        try:
            clean["value"] = codec.decode(raw.get("value"))
        except codec.Undecodable as why:
            clean.update(status="error", message=f"returned a value the grader cannot read: {why}")
    return clean


def _exception(raw: Any) -> dict[str, Any]:
    """type, message, traceback (strings, cut) and mro (names): only those that are well-formed."""
    found: dict[str, Any] = {}
    if not isinstance(raw, dict):
        return found
    for key, limit in (
        ("type", NAME_CHARS),
        ("message", MESSAGE_CHARS),
        ("traceback", TRACEBACK_CHARS),
    ):
        if isinstance(raw.get(key), str) and raw[key]:
            found[key] = text(raw[key], limit)
    mro = raw.get("mro")
    if isinstance(mro, list):
        found["mro"] = [text(name, NAME_CHARS) for name in mro[:MAX_MRO] if isinstance(name, str)]
    return found


def outcomes(raw: Any) -> dict[str, dict[str, Any]]:
    """Step outcomes by id (the first for an id wins, as the supervisor accepts them in order)."""
    found: dict[str, dict[str, Any]] = {}
    for item in raw if isinstance(raw, list) else []:
        clean = outcome(item)
        if clean is not None and clean["id"] not in found:
            found[clean["id"]] = clean
    return found


def metrics(raw: Any) -> list[dict[str, float]]:
    """``report.log`` records: objects of named finite numbers; anything else is left out."""
    records: list[dict[str, float]] = []
    for item in raw if isinstance(raw, list) else []:
        if len(records) >= MAX_METRIC_RECORDS:
            break
        if not isinstance(item, dict):
            continue
        record: dict[str, float] = {}
        for key, value in list(item.items())[:MAX_METRIC_FIELDS]:
            point = number(value)
            if isinstance(key, str) and point is not None:
                record[text(key, METRIC_KEY_CHARS)] = point
        if record:
            records.append(record)
    return records


def versions(raw: Any) -> dict[str, str | None]:
    if not isinstance(raw, dict):
        return {}
    return {
        text(name, NAME_CHARS): (text(version, NAME_CHARS) if version is not None else None)
        for name, version in list(raw.items())[:32]
        if isinstance(name, str) and (version is None or isinstance(version, str))
    }
