"""Job file paths: relative, normalised, and never escaping the work directory."""

from __future__ import annotations

import os


def check_relative(path: str) -> str:
    """The path if it is a safe relative POSIX path, else ValueError with the reason."""
    if not isinstance(path, str) or not path:
        raise ValueError(f"file path must be a non-empty string, got {path!r}")
    if "\x00" in path or "\\" in path:
        raise ValueError(f"file path {path!r} contains a NUL or a backslash")
    if path.startswith("/"):
        raise ValueError(f"file path {path!r} is absolute")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"file path {path!r} has an empty, '.' or '..' part")
    return path


def resolve_under(root: str, relative: str) -> str:
    full = os.path.realpath(os.path.join(root, check_relative(relative)))
    if not full.startswith(os.path.realpath(root) + os.sep):
        raise ValueError(f"file path {relative!r} leaves the work directory")
    return full
