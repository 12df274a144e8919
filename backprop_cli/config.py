"""Where the server URL and the token live: the user's config directory, readable by them only.

`$XDG_CONFIG_HOME/backprop/config.json` on Linux (platformdirs picks each system's place);
`BACKPROP_URL` and `BACKPROP_TOKEN` override the file, for CI jobs and scripts.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class Settings:
    url: str
    token: str


def config_path() -> Path:
    return Path(platformdirs.user_config_dir("backprop", appauthor=False)) / "config.json"


def load() -> Settings | None:
    stored: dict = {}
    path = config_path()
    if path.is_file():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
    url = os.environ.get("BACKPROP_URL") or stored.get("url") or ""
    token = os.environ.get("BACKPROP_TOKEN") or stored.get("token") or ""
    return Settings(url.rstrip("/"), token) if url and token else None


def save(settings: Settings) -> Path:
    """Written 0600 from the first byte (never world-readable, not even for a moment)."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = json.dumps({"url": settings.url, "token": settings.token}, indent=2) + "\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # an older file keeps its mode through O_CREAT
    return path
