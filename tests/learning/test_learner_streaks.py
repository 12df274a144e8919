"""Streaks count days with verified work in the learner's time zone; the schedule follows the pace."""

from datetime import UTC, date, datetime, timedelta

from learning import schedule, streaks
from submissions.models import Status, Submission
from tests.factories import make_path


def attempt(user, exercise, status, when):
    s = Submission.objects.create(user=user, exercise=exercise, files={}, seed=1, status=status)
    Submission.objects.filter(pk=s.pk).update(created_at=when, finished_at=when)


def test_only_days_with_a_pass_count(alice, matmul):
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    attempt(alice, matmul, Status.PASSED, now)
    attempt(alice, matmul, Status.PASSED, now - timedelta(days=1))
    attempt(
        alice, matmul, Status.FAILED, now - timedelta(days=2)
    )  # a visit or a failure is not verified work
    attempt(alice, matmul, Status.PASSED, now - timedelta(days=3))
    days = streaks.verified_days(alice)
    assert streaks.current_streak(days, date(2026, 3, 10)) == 2
    assert streaks.current_streak(days, date(2026, 3, 11)) == 2  # today is not over yet
    assert streaks.current_streak(days, date(2026, 3, 12)) == 0
    assert streaks.longest_streak(days) == 2


def test_days_are_the_learners_local_days(alice, matmul):
    alice.time_zone = "Pacific/Auckland"  # UTC+13 in March
    alice.save()
    attempt(alice, matmul, Status.PASSED, datetime(2026, 3, 10, 11, 30, tzinfo=UTC))
    assert streaks.verified_days(alice) == {date(2026, 3, 11)}


def test_the_heatmap_has_a_labelled_cell_per_day(alice, matmul):
    today = date(2026, 3, 11)
    attempt(alice, matmul, Status.FAILED, datetime(2026, 3, 11, 9, tzinfo=UTC))
    svg = streaks.heatmap_svg(
        streaks.activity_counts(alice, today - timedelta(weeks=2)), set(), today, weeks=2
    )
    assert svg.count("<rect") == 7 + today.weekday() + 1
    assert "Wed 11 Mar 2026: 1 attempt</title>" in svg
    assert 'role="img"' in svg and "aria-label=" in svg


def test_the_schedule_stretches_with_a_slower_pace(db):
    path = make_path(units=2)
    units = list(path.units.order_by("number"))
    fast = schedule.suggested_schedule(path, units, started_on=date(2026, 1, 5), weekly_hours=8)
    slow = schedule.suggested_schedule(path, units, started_on=date(2026, 1, 5), weekly_hours=4)
    assert [(r.starts_on, r.ends_on) for r in fast] == [
        (date(2026, 1, 5), date(2026, 1, 11)),
        (date(2026, 1, 12), date(2026, 1, 18)),
    ]
    assert schedule.finish_date(slow) == date(2026, 2, 1)  # twice as long
    assert schedule.current_unit(fast, date(2026, 1, 13)).unit.number == 2
