"""Admin analytics: where learners struggle, how long reviews wait, how grading is doing.

Figures are computed from submissions (the truth), in Python over `values_list` rows so
SQLite and PostgreSQL give the same numbers; charts are specs for submissions/charts.py's figure.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from curriculum.models import Exercise, Path
from learning import progress
from learning.models import Enrollment
from mentoring.models import ReviewRequest
from mentoring.reviews import queue_waits
from submissions.charts import bar_chart
from submissions.models import Status, Submission


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]


@dataclass
class ExerciseStats:
    exercise: Exercise
    learners: int = 0
    passed: int = 0
    median_attempts: float | None = None  # attempts up to and including the first pass
    median_hours_to_pass: float | None = None  # first attempt → first pass
    failed_checks: list[tuple[str, int]] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.learners if self.learners else 0.0


def exercise_stats(exercises=None, top_checks: int = 3) -> list[ExerciseStats]:
    exercises = list(
        exercises if exercises is not None else Exercise.objects.filter(is_archived=False)
    )
    rows = (
        Submission.objects.filter(exercise__in=exercises)
        .exclude(status__in=[Status.QUEUED, Status.RUNNING])
        .order_by("created_at", "id")
        .values_list("exercise_id", "user_id", "status", "created_at", "result")
    )
    per: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    failed: dict[int, Counter] = defaultdict(Counter)
    for exercise_id, user_id, status, created_at, result in rows:
        per[exercise_id][user_id].append((status, created_at))
        for check in (result or {}).get("checks", []) if isinstance(result, dict) else []:
            if check.get("status") != "pass":
                failed[exercise_id][check.get("name") or check.get("id") or "?"] += 1
    stats = []
    for exercise in exercises:
        item = ExerciseStats(exercise)
        attempts_to_pass, hours_to_pass = [], []
        for history in per[exercise.pk].values():
            item.learners += 1
            first_pass = next(
                (i for i, (status, _) in enumerate(history) if status == Status.PASSED), None
            )
            if first_pass is not None:
                item.passed += 1
                attempts_to_pass.append(first_pass + 1)
                hours_to_pass.append(
                    (history[first_pass][1] - history[0][1]).total_seconds() / 3600
                )
        item.median_attempts = statistics.median(attempts_to_pass) if attempts_to_pass else None
        item.median_hours_to_pass = statistics.median(hours_to_pass) if hours_to_pass else None
        item.failed_checks = failed[exercise.pk].most_common(top_checks)
        stats.append(item)
    return stats


@dataclass
class UnitFunnel:
    number: int
    title: str
    reached: int  # learners with the milestone reached (verified), or any progress in the unit


def drop_off(path: Path) -> tuple[int, list[UnitFunnel]]:
    """Enrolled learners, and per unit how many have made progress there: where they stop."""
    learners = [e.user for e in Enrollment.objects.filter(path=path).select_related("user")]
    counts: dict[int, int] = Counter()
    units: dict[int, str] = {}
    for learner in learners:
        for unit in progress.path_progress(learner, path).units:
            units[unit.unit.number] = unit.unit.title
            if unit.milestone_reached or unit.self_done or unit.verified_done:
                counts[unit.unit.number] += 1
    if not learners:
        units = {u.number: u.title for u in path.units.live().order_by("number")}
    return len(learners), [UnitFunnel(n, units[n], counts[n]) for n in sorted(units)]


@dataclass
class QueueHealth:
    waiting: int
    oldest_hours: float | None
    median_wait_hours: float | None
    p95_wait_hours: float | None


def review_queue_health(now=None, days: int = 30) -> QueueHealth:
    now = now or timezone.now()
    open_rows = list(
        ReviewRequest.objects.filter(status=ReviewRequest.Status.OPEN).values_list(
            "created_at", flat=True
        )
    )
    waits = queue_waits(now - timedelta(days=days))
    return QueueHealth(
        waiting=len(open_rows),
        oldest_hours=max(((now - c).total_seconds() / 3600 for c in open_rows), default=None),
        median_wait_hours=statistics.median(waits) if waits else None,
        p95_wait_hours=percentile(waits, 95),
    )


@dataclass
class GradingHealth:
    queued: int
    running: int
    finished_last_hour: int
    p50_seconds: float | None  # created → finished: what a learner waits
    p95_seconds: float | None
    p50_run_seconds: float | None  # started → finished: the sandbox run itself


def grading_health(now=None) -> GradingHealth:
    now = now or timezone.now()
    counts = Counter(
        Submission.objects.filter(status__in=[Status.QUEUED, Status.RUNNING]).values_list(
            "status", flat=True
        )
    )
    rows = (
        Submission.objects.filter(finished_at__gte=now - timedelta(hours=1))
        .filter(~Q(status=Status.QUEUED))
        .values_list("created_at", "started_at", "finished_at")
    )
    # finished_at__gte leaves out the rows whose finished_at is None
    latency = [(f - c).total_seconds() for c, s, f in rows if f is not None]
    runs = [(f - s).total_seconds() for c, s, f in rows if s and f is not None]
    return GradingHealth(
        queued=counts[Status.QUEUED],
        running=counts[Status.RUNNING],
        finished_last_hour=len(latency),
        p50_seconds=percentile(latency, 50),
        p95_seconds=percentile(latency, 95),
        p50_run_seconds=percentile(runs, 50),
    )


# --- chart specs (drawn by static/js/charts.js) --------------------------------------------


def busiest_path(paths: list[Path]) -> Path | None:
    """The path with the most enrolments (the first by title on a tie): the drop-off worth
    showing before anyone picks one, never an empty path while another has learners."""
    if not paths:
        return None
    counts = Counter(Enrollment.objects.filter(path__in=paths).values_list("path_id", flat=True))
    return max(paths, key=lambda p: (counts[p.pk], -paths.index(p)))


def pass_rate_chart(stats: list[ExerciseStats]) -> dict:
    """Share of learners who passed each attempted exercise."""
    return bar_chart(
        [
            (
                s.exercise.title,
                s.pass_rate,
                f"{s.pass_rate:.0%} of {s.learners} learner{'s' if s.learners != 1 else ''}",
            )
            for s in stats
            if s.learners
        ],
        title="Pass rate per exercise",
        value_label="Learners who passed",
        category_label="Exercise",
        maximum=1,
        percent=True,
    )


def drop_off_chart(path: Path, enrolled: int, funnel: list[UnitFunnel]) -> dict:
    """Learners with progress per unit, out of those enrolled."""
    return bar_chart(
        [
            (f"{path.unit_label} {u.number}: {u.title}", u.reached, f"{u.reached} of {enrolled}")
            for u in funnel
        ],
        title=f"Learners with progress per {path.unit_label.lower()}",
        value_label="Learners",
        category_label=path.unit_label,
        maximum=max(enrolled, 1),
    )
