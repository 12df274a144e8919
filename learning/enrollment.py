"""Enrolling in and leaving a path. Leaving keeps progress: it belongs to the learner, not the enrollment."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from curriculum.models import Path, Unit
from learning import schedule
from learning.models import Enrollment


@transaction.atomic
def enrollment_create(
    *, user, path: Path, started_on: date | None = None, weekly_hours: int | None = None
) -> Enrollment:
    """Enroll (or update the start date and pace of an existing enrollment)."""
    enrollment, _ = Enrollment.objects.update_or_create(
        user=user,
        path=path,
        defaults={
            "started_on": started_on or timezone.localdate(),
            "weekly_hours": weekly_hours or user.weekly_hours_goal or 8,
        },
    )
    return enrollment


@transaction.atomic
def enrollment_leave(*, user, path: Path) -> bool:
    deleted, _ = Enrollment.objects.filter(user=user, path=path).delete()
    return bool(deleted)


def enrollments_for(user):
    return Enrollment.objects.filter(user=user).select_related("path").order_by("-created_at")


def path_pace(path: Path) -> int | None:
    """Hours a week the path's own durations imply (None when it states no duration)."""
    units = (
        Unit.objects.live()
        .filter(path=path, phase__is_archived=False)
        .only("estimated_hours", "path_id")
    )
    return schedule.path_weekly_hours(path, units)
