"""The one authenticated line the supervisor writes: ``BACKPROP-RESULT <hmac> <json>``.

The HMAC-SHA256 is keyed by the per-run nonce that only the host and the
supervisor know, so a line printed by learner code cannot pass as a result.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

PREFIX = b"BACKPROP-RESULT "
NONCE_HEX_CHARS = 64


def sign(nonce: bytes | bytearray, payload: bytes) -> bytes:
    """The full line, newline-framed on both sides so stray bytes cannot glue onto it."""
    digest = hmac.new(bytes(nonce), payload, hashlib.sha256).hexdigest().encode("ascii")
    return b"\n" + PREFIX + digest + b" " + payload + b"\n"


@dataclass
class Parsed:
    result: dict[str, Any] | None
    valid_lines: int = 0
    forged_lines: int = 0
    other_output: list[str] = field(default_factory=list)


def parse(output: bytes, nonce: bytes | str, *, keep_other: int = 4096) -> Parsed:
    """Find the result in the container's stdout. Exactly one valid line, or no result."""
    key = nonce.encode("ascii") if isinstance(nonce, str) else bytes(nonce)
    parsed = Parsed(result=None)
    found: dict[str, Any] | None = None
    kept = 0
    for line in output.split(b"\n"):
        if line.startswith(PREFIX):
            rest = line[len(PREFIX) :]
            digest, _, payload = rest.partition(b" ")
            expected = hmac.new(key, payload, hashlib.sha256).hexdigest().encode("ascii")
            if hmac.compare_digest(digest, expected):
                parsed.valid_lines += 1
                try:
                    found = json.loads(payload)
                except ValueError:
                    found = None
                continue
            parsed.forged_lines += 1
        if line and kept < keep_other:
            text = line[: keep_other - kept].decode("utf-8", "replace")
            parsed.other_output.append(text)
            kept += len(text)
    if parsed.valid_lines == 1 and isinstance(found, dict):
        parsed.result = found
    return parsed
