"""Figures the learner's code saved: collected by the supervisor once every learner process
is dead, so nothing can swap a file while it is read.

Only regular files directly in the plan's folder (``figures/``) whose name is a plain
``name.png`` or ``name.svg`` are taken, opened without following links, at most
``max_files`` of them and ``max_bytes`` each; each must start as its type does. What does
not fit is named in ``skipped`` with the reason, so the learner can be told.
"""

from __future__ import annotations

import base64
import os
import re
import stat

TYPE_CHECKING = False  # typing costs every run 4 ms to import; mypy reads the name
if TYPE_CHECKING:
    from typing import Any

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\.(png|svg)$")
TYPES = {"png": "image/png", "svg": "image/svg+xml"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DEFAULT_MAX_FILES = 4
DEFAULT_MAX_BYTES = 256 * 1024
MAX_SKIPPED = 8


def looks_like(kind: str, head: bytes) -> bool:
    """Whether the first bytes are those of a PNG, or of an SVG (XML text with an <svg)."""
    if kind == "png":
        return head.startswith(PNG_MAGIC)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return (text.startswith(b"<?xml") or text.startswith(b"<svg")) and b"<svg" in head


def collect(work: str, spec: dict) -> dict[str, Any]:
    """{"files": [{name, type, bytes, data (base64)}], "skipped": [{name, why}]}."""
    folder = str(spec.get("dir", "figures"))
    max_files = int(spec.get("max_files", DEFAULT_MAX_FILES))
    max_bytes = int(spec.get("max_bytes", DEFAULT_MAX_BYTES))
    found: dict[str, Any] = {"files": [], "skipped": []}
    try:
        dir_fd = os.open(os.path.join(work, folder), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return found  # no folder (or a link in its place): no figures
    try:
        names = sorted(os.listdir(dir_fd))
        for name in names:
            if len(found["files"]) >= max_files:
                _skip(found, name, f"only {max_files} figures are kept")
                continue
            match = NAME.match(name)
            if not match:
                if name.lower().endswith((".png", ".svg")):
                    _skip(found, name, "the name must be letters, digits, '_', '-' or '.'")
                continue
            figure, why = _read(dir_fd, name, match.group(1), max_bytes)
            if figure is None:
                _skip(found, name, why)
            else:
                found["files"].append(figure)
    finally:
        os.close(dir_fd)
    return found


def _skip(found: dict, name: str, why: str) -> None:
    if len(found["skipped"]) < MAX_SKIPPED:
        found["skipped"].append({"name": name[:80], "why": why})


def _read(dir_fd: int, name: str, kind: str, max_bytes: int) -> tuple[dict | None, str]:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except OSError:
        return None, "it could not be opened (a link is not followed)"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "it is not a regular file"
        if info.st_size > max_bytes:
            return None, f"it is {info.st_size} bytes; at most {max_bytes} are kept"
        data = b""
        while len(data) <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - len(data))
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        return None, f"it is larger than {max_bytes} bytes"
    if not looks_like(kind, data[:512]):
        return None, f"it does not start as a .{kind} file does"
    return {
        "name": name,
        "type": TYPES[kind],
        "bytes": len(data),
        "data": base64.b64encode(data).decode("ascii"),
    }, ""
