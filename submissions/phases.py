"""The phases of a grade, PrairieLearn-style: when each happened, how long each took, and
their p50 / p95 over recent submissions, so a slow grade can be traced to where it waited.

A submission's `timings` holds epoch seconds for the moments below (the last attempt's);
`requested` and `enqueued` come from the row itself (created_at, enqueued_at).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from submissions.models import Submission

MOMENTS = (
    "requested",
    "enqueued",
    "received",
    "container_started",
    "code_finished",
    "judged",
    "stored",
)

# (name shown to staff, from moment, to moment)
PHASES = (
    ("queue wait", "enqueued", "received"),
    ("container start", "received", "container_started"),
    ("learner code", "container_started", "code_finished"),
    ("judging", "code_finished", "judged"),
    ("storing", "judged", "stored"),
    ("submit to result", "requested", "stored"),
)


def moments(submission: Submission) -> dict[str, float]:
    """Every known moment of the submission's last attempt, in epoch seconds."""
    known = {
        "requested": submission.created_at.timestamp() if submission.created_at else None,
        "enqueued": submission.enqueued_at.timestamp() if submission.enqueued_at else None,
        **(submission.timings or {}),
    }
    return {name: float(known[name]) for name in MOMENTS if known.get(name) is not None}


def durations(timings: Mapping[str, float]) -> dict[str, float]:
    """Milliseconds per phase, for the phases whose both ends are known."""
    out: dict[str, float] = {}
    for name, start, end in PHASES:
        if start in timings and end in timings:
            out[name] = round(max(0.0, timings[end] - timings[start]) * 1000, 1)
    return out


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0–100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class PhaseStat:
    phase: str
    count: int
    p50_ms: float
    p95_ms: float


def phase_stats(submissions: Iterable[Submission]) -> list[PhaseStat]:
    """p50 and p95 per phase over `submissions`, in the order a grade goes through them."""
    samples: dict[str, list[float]] = {name: [] for name, _, _ in PHASES}
    for submission in submissions:
        for name, ms in durations(moments(submission)).items():
            samples[name].append(ms)
    return [
        PhaseStat(name, len(values), percentile(values, 50), percentile(values, 95))
        for name, values in samples.items()
        if values
    ]


def recent_phase_stats(window: timedelta, now: datetime | None = None) -> list[PhaseStat]:
    """Phase statistics of the submissions graded within `window` before `now`."""
    since = (now or timezone.now()) - window
    graded = (
        Submission.objects.filter(finished_at__gte=since)
        .exclude(timings={})
        .only("created_at", "enqueued_at", "timings")
    )
    return phase_stats(graded.iterator())
