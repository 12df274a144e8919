"""Streaks and the activity heatmap.

A streak counts consecutive days, in the learner's time zone, with *verified* work (a
passing submission or a mentor-approved project), never mere visits. It is alive while
its last day is today or yesterday: today is not over yet.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter
from datetime import date, datetime, timedelta
from html import escape

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from learning.models import ItemProgress
from submissions.models import Status, Submission

CELL, GAP = 11, 3


def user_zone(user) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def today_for(user, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(user_zone(user)).date()


def verified_days(user) -> set[date]:
    zone = user_zone(user)
    stamps = list(
        Submission.objects.filter(
            user=user, status=Status.PASSED, finished_at__isnull=False
        ).values_list("finished_at", flat=True)
    )
    stamps += list(
        ItemProgress.objects.filter(user=user, verified_at__isnull=False).values_list(
            "verified_at", flat=True
        )
    )
    return {stamp.astimezone(zone).date() for stamp in stamps if stamp is not None}


def current_streak(days: set[date], today: date) -> int:
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(days: set[date]) -> int:
    best = 0
    for day in days:
        if day - timedelta(days=1) not in days:
            length = 1
            while day + timedelta(days=length) in days:
                length += 1
            best = max(best, length)
    return best


def activity_counts(user, since: date) -> Counter:
    """Graded attempts per local day (what the heatmap shades)."""
    zone = user_zone(user)
    start = datetime.combine(since, datetime.min.time(), tzinfo=zone)
    stamps = Submission.objects.filter(user=user, created_at__gte=start).values_list(
        "created_at", flat=True
    )
    return Counter(stamp.astimezone(zone).date() for stamp in stamps)


def heatmap_svg(counts: Counter, verified: set[date], today: date, weeks: int = 20) -> SafeString:
    """A GitHub-style grid, one column per week (Monday on top); verified days are outlined."""
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    cells = []
    total_days = active_days = 0
    day = first
    while day <= today:
        col, row = (day - first).days // 7, day.weekday()
        n = counts.get(day, 0)
        level = 0 if n == 0 else 1 if n < 3 else 2 if n < 6 else 3
        extra = " heat-verified" if day in verified else ""
        label = f"{day:%a %d %b %Y}: {n} attempt{'s' if n != 1 else ''}" + (
            ", verified work" if extra else ""
        )
        cells.append(
            f'<rect class="heat-{level}{extra}" x="{col * (CELL + GAP)}" y="{row * (CELL + GAP)}" '
            f'width="{CELL}" height="{CELL}" rx="2"><title>{escape(label)}</title></rect>'
        )
        total_days += 1
        active_days += n > 0
        day += timedelta(days=1)
    width, height = weeks * (CELL + GAP), 7 * (CELL + GAP)
    summary = f"Activity over the last {weeks} weeks: {active_days} active days, {len([d for d in verified if d >= first])} with verified work."
    return mark_safe(  # noqa: S308 - all text escaped
        f'<svg class="heatmap" role="img" aria-label="{escape(summary)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(cells)}</svg>'
    )
