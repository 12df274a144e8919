"""Learner-facing metrics: ``import report; report.log(step=3, loss=0.41)``.

Lines go to a pipe the supervisor reads; they are shown (loss curves, accuracy),
never used for a verdict, and bounded in count and size.
"""

from __future__ import annotations

import json
import os

MAX_LINES = 1000
MAX_LINE_BYTES = 4096

_fd: int | None = None
_sent = 0


def _configure(fd: int) -> None:
    global _fd
    _fd = fd


def log(**fields) -> bool:
    """Record one metrics point; returns False once the budget is spent or outside the sandbox."""
    global _sent
    if _fd is None or _sent >= MAX_LINES:
        return False
    line = json.dumps(fields, default=repr, allow_nan=True).encode("utf-8") + b"\n"
    if len(line) > MAX_LINE_BYTES:
        return False
    try:
        os.write(_fd, line)
    except OSError:
        return False
    _sent += 1
    return True
