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
