"""A learner's own data to take away: progress per item of each enrolled path, and attempts.

The rows are what the dashboard and the attempts pages show, built from the same services
(`progress.path_progress`, the learner's Submissions), so the export never disagrees with
the pages. CSV gives one flat table per kind; JSON gives both, nested by path.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from django.utils import timezone

from learning import schedule
from learning.dashboard import enrolled_path
from learning.enrollment import enrollments_for
from submissions.models import Submission

PROGRESS_COLUMNS = (
    "path",
    "path_title",
    "unit",
    "unit_title",
    "item_kind",
    "item",
    "track",
    "done",
)
ATTEMPT_COLUMNS = (
    "id",
    "exercise",
    "exercise_title",
    "attempt",
    "status",
    "score",
    "points",
    "submitted_at",
    "finished_at",
    "wall_seconds",
    "message",
    "url",
)
KINDS = ("progress", "attempts")


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _item_rows(enrollment, prog) -> list[dict]:
    rows = []
    for unit_progress in prog.units:
        unit = unit_progress.unit
        for item in unit_progress.items:
            rows.append(
                {
                    "path": enrollment.path.slug,
                    "path_title": enrollment.path.title,
                    "unit": unit.number,
                    "unit_title": unit.title,
                    "item_kind": item.label or item.kind,
                    "item": item.title,
                    "track": "verified" if item.verified_kind else "self-reported",
                    "done": item.done,
                }
            )
    return rows


def progress_rows(user) -> list[dict]:
    """One row per checklist item of every enrolled path, verified and self-reported apart."""
    return [
        row
        for enrollment in enrollments_for(user)
        for row in _item_rows(enrollment, enrolled_path(user, enrollment).progress)
    ]


def attempt_rows(user) -> list[dict]:
    """Every attempt, oldest first, numbered per exercise as the attempts page numbers them."""
    seen: Counter[int] = Counter()
    rows = []
    submissions = (
        Submission.objects.filter(user=user, exercise__isnull=False)
        .select_related("exercise")
        .order_by("created_at", "pk")
    )
    for submission in submissions:  # projects: their sign-off is in the progress rows
        exercise = submission.graded_exercise
        seen[exercise.pk] += 1
        rows.append(
            {
                "id": submission.pk,
                "exercise": exercise.slug,
                "exercise_title": exercise.title,
                "attempt": seen[exercise.pk],
                "status": submission.status,
                "score": submission.score,
                "points": round(submission.score * exercise.points, 2)
                if submission.score is not None
                else None,
                "submitted_at": _iso(submission.created_at),
                "finished_at": _iso(submission.finished_at),
                "wall_seconds": submission.wall_seconds,
                "message": submission.message,
                "url": submission.get_absolute_url(),
            }
        )
    return rows


def export_json(user) -> str:
    """Both kinds in one document: enrollments (with their items) and attempts."""
    enrollments = []
    for enrollment in enrollments_for(user):
        item = enrolled_path(user, enrollment)
        prog = item.progress
        enrollments.append(
            {
                "path": enrollment.path.slug,
                "title": enrollment.path.title,
                "started_on": _iso(enrollment.started_on),
                "weekly_hours": enrollment.weekly_hours,
                "finishes_on": _iso(schedule.finish_date(item.plan)),
                "verified": {"done": prog.verified_done, "total": prog.verified_total},
                "self_reported": {"done": prog.self_done, "total": prog.self_total},
                "milestones_reached": prog.milestones_reached,
                "items": [
                    {k: v for k, v in row.items() if k not in ("path", "path_title")}
                    for row in _item_rows(enrollment, prog)
                ],
            }
        )
    document = {
        "user": user.get_username(),
        "exported_at": timezone.now().isoformat(),
        "enrollments": enrollments,
        "attempts": attempt_rows(user),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def export_csv(user, kind: str) -> str:
    """One flat table: `progress` (one row per item) or `attempts` (one row per attempt)."""
    columns, rows = (
        (PROGRESS_COLUMNS, progress_rows(user))
        if kind == "progress"
        else (ATTEMPT_COLUMNS, attempt_rows(user))
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value) -> str:
    """A spreadsheet-safe cell: booleans as yes/no, empty for None, no formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
