"""A suggested schedule: when each unit starts and ends at the learner's pace.

A unit's workload is its `estimated_hours`, else the path's hours spread evenly over its
units, else one nominal week at the middle of the path's weekly range. At `weekly_hours`
per week a unit lasts `7 × hours / weekly_hours` days (at least one day), units back to back.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_WEEKLY_HOURS = 8


@dataclass(frozen=True)
class ScheduledUnit:
    unit: object
    hours: float
    starts_on: date
    ends_on: date


def nominal_weekly_hours(path) -> float:
    lo, hi = path.weekly_hours_min, path.weekly_hours_max
    if lo and hi:
        return (lo + hi) / 2
    return float(lo or hi or DEFAULT_WEEKLY_HOURS)


def unit_hours(unit, path, unit_count: int) -> float:
    if unit.estimated_hours:
        return float(unit.estimated_hours)
    if path.total_hours and unit_count:
        return path.total_hours / unit_count
    weeks_per_unit = (path.duration_weeks or unit_count) / max(unit_count, 1)
    return nominal_weekly_hours(path) * weeks_per_unit


def suggested_schedule(path, units, *, started_on: date, weekly_hours: int) -> list[ScheduledUnit]:
    units = list(units)
    pace = max(weekly_hours, 1)
    day, plan = started_on, []
    for unit in units:
        hours = unit_hours(unit, path, len(units))
        days = max(1, math.ceil(7 * hours / pace))
        plan.append(
            ScheduledUnit(
                unit=unit, hours=hours, starts_on=day, ends_on=day + timedelta(days=days - 1)
            )
        )
        day += timedelta(days=days)
    return plan


def finish_date(plan: list[ScheduledUnit]) -> date | None:
    return plan[-1].ends_on if plan else None


def current_unit(plan: list[ScheduledUnit], today: date) -> ScheduledUnit | None:
    """The unit the schedule says the learner should be on today."""
    for item in plan:
        if item.starts_on <= today <= item.ends_on:
            return item
    return None


def path_weekly_hours(path, units) -> int | None:
    """The pace the path's own durations imply: its workload over its stated weeks, rounded up
    so that the schedule ends within `duration_weeks` (a "16-week" path in 16 weeks)."""
    units = list(units)
    if not path.duration_weeks or not units:
        return None
    total = sum(unit_hours(unit, path, len(units)) for unit in units)
    return max(1, math.ceil(total / path.duration_weeks)) if total else None


@dataclass(frozen=True)
class PaceOption:
    """One pace a learner can pick, with the date it brings the end to."""

    hours: int
    label: str
    ends_on: date | None
    weeks: int
    chosen: bool


def pace_options(
    path, units, *, started_on: date, chosen: int, goal: int | None
) -> list[PaceOption]:
    """The path's own pace, the learner's weekly goal and the chosen pace, each with its end.

    Shown beside a schedule so that a learner sees how the pace moves the end date (8 h a
    week stretches a 16-week path written for 16 h a week to about seven months).
    """
    units = list(units)
    labels: dict[int, list[str]] = {}
    own = path_weekly_hours(path, units)
    if own:
        labels.setdefault(own, []).append("the path's pace")
    if goal:
        labels.setdefault(goal, []).append("your weekly goal")
    labels.setdefault(chosen, []).append("your choice")
    options = []
    for hours in sorted(labels):
        plan = suggested_schedule(path, units, started_on=started_on, weekly_hours=hours)
        ends_on = finish_date(plan)
        options.append(
            PaceOption(
                hours=hours,
                label=", ".join(labels[hours]),
                ends_on=ends_on,
                weeks=weeks_between(started_on, ends_on),
                chosen=hours == chosen,
            )
        )
    return options


def weeks_between(started_on: date, ends_on: date | None) -> int:
    """Calendar weeks a schedule spans, counting a partial week as one."""
    return math.ceil(((ends_on - started_on).days + 1) / 7) if ends_on else 0
