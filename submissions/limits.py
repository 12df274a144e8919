"""Every size limit on what a learner sends, and one way to say a size to a person.

Plain Python, no Django: the services, the upload parser and the request-size middleware
(config/request_limits.py) all read these, so a message never names a limit the code does
not enforce.
"""

from __future__ import annotations

KB = 1024
MB = 1024 * 1024

MAX_FILE_BYTES = 256 * KB  # one source file: typed, uploaded, or in a zip once expanded
MAX_TOTAL_BYTES = 1 * MB  # all files of one submission together
MAX_FILES = 20
MAX_UPLOAD_BYTES = 2 * MB  # an uploaded file as sent (.py, .zip or .ipynb)
MAX_NOTEBOOK_BYTES = 4 * MAX_FILE_BYTES  # a notebook's JSON, outputs and all
MAX_DRAFT_BYTES = MAX_FILE_BYTES  # a draft becomes the entry point once submitted


def size_text(size: int) -> str:
    """`512 bytes`, `300 KB`, `2 MB`, `5.3 MB`: the unit a person reads, never `0 KB`."""
    if size < KB:
        return f"{size} bytes"
    if size < MB:
        return f"{round(size / KB):,} KB"
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"


def over_limit(size: int, limit: int) -> tuple[str, str]:
    """(size, limit) as texts that never read as equal when the size is over the limit.

    257 KB against 256 KB reads fine; 2 MB and one byte against 2 MB would read "2 MB; at
    most 2 MB", so such a size is "just over 2 MB".
    """
    shown, allowed = size_text(size), size_text(limit)
    if size > limit and shown == allowed:
        shown = f"just over {allowed}"
    return shown, allowed


# --- How often, not how big: the numbers are settings (SUBMISSION_RATE, SUBMISSION_MAX_PENDING).

PERIOD_SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
PERIOD_NAMES = {1: "second", 60: "minute", 60 * 60: "hour", 24 * 60 * 60: "day"}


def parse_rate(rate: str) -> tuple[int, int]:
    """`6/minute` → (6, 60): the format of the API's throttle rates (DRF reads the period's
    first letter), so one way of writing a rate serves both settings."""
    count, _, period = rate.partition("/")
    try:
        return int(count), PERIOD_SECONDS[period.strip()[:1].lower()]
    except (ValueError, KeyError):
        raise ValueError(f"{rate!r} is not a rate like '6/minute'") from None


def wait_text(seconds: int) -> str:
    """`1 second`, `42 seconds`, `2 minutes`: a wait as a person reads it, rounded up."""
    if seconds < 90:
        return f"{seconds} second" + ("s" if seconds != 1 else "")
    minutes = -(-seconds // 60)
    return f"{minutes} minutes"
