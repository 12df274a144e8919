"""What the dashboard shows: enrolled paths with progress and schedule, streaks, "continue where you left off"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from curriculum.skill_tree import skill_tree_svg
from learning import progress, schedule, streaks
from learning.enrollment import enrollments_for
from submissions.models import Draft, Submission


@dataclass
class EnrolledPath:
    enrollment: object
    progress: progress.PathProgress
    plan: list
    today_unit: object | None
    skill_svg: str = ""
    paces: list[schedule.PaceOption] = field(default_factory=list)
    weeks: int = 0  # calendar weeks the plan spans at the chosen pace


@dataclass
class Dashboard:
    paths: list[EnrolledPath]
    recent: list[Submission]
    streak: int
    longest: int
    heatmap: str
    continue_to: dict | None = None
    extra: dict = field(default_factory=dict)


def enrolled_path(
    user, enrollment, *, with_skills: bool = False, with_paces: bool = False
) -> EnrolledPath:
    """One enrollment's progress and plan; `with_paces` adds the paces to choose from."""
    path = enrollment.path
    prog = progress.path_progress(user, path)
    units = [u.unit for u in prog.units]
    plan = schedule.suggested_schedule(
        path, units, started_on=enrollment.started_on, weekly_hours=enrollment.weekly_hours
    )
    today = streaks.today_for(user)
    item = EnrolledPath(enrollment, prog, plan, schedule.current_unit(plan, today))
    item.weeks = schedule.weeks_between(enrollment.started_on, schedule.finish_date(plan))
    if with_paces:
        item.paces = schedule.pace_options(
            path,
            units,
            started_on=enrollment.started_on,
            chosen=enrollment.weekly_hours,
            goal=getattr(user, "weekly_hours_goal", None),
        )
    if with_skills:
        states = progress.skill_states(path, prog)
        skills = path.skills.live().order_by("position", "id").prefetch_related("requires")
        item.skill_svg = skill_tree_svg(
            skills, title=f"Your skill tree in {path.title}", states=states
        )
    return item


def dashboard_for(user) -> Dashboard:
    today = streaks.today_for(user)
    days = streaks.verified_days(user)
    since = today - timedelta(weeks=20)
    return Dashboard(
        paths=[enrolled_path(user, e, with_skills=True) for e in enrollments_for(user)],
        recent=list(Submission.objects.filter(user=user).select_related("exercise")[:8]),
        streak=streaks.current_streak(days, today),
        longest=streaks.longest_streak(days),
        heatmap=streaks.heatmap_svg(streaks.activity_counts(user, since), days, today),
        continue_to=continue_for(user),
    )


def continue_for(user) -> dict | None:
    """The most recent exercise touched (a draft or an attempt), unless already passed;
    otherwise the next undone item of the path that exercise belongs to (among the learner's
    enrollments), else of the most recent enrollment."""
    if not user.is_authenticated:
        return None
    last_attempt = (
        Submission.objects.filter(user=user, exercise__isnull=False)
        .select_related("exercise")
        .first()
    )
    last_draft = (
        Draft.objects.filter(user=user).select_related("exercise").order_by("-updated_at").first()
    )
    touched = [(a.created_at, a.graded_exercise) for a in [last_attempt] if a] + [
        (d.updated_at, d.exercise) for d in [last_draft] if d
    ]
    enrollments = enrollments_for(user)
    enrollment = enrollments.first()
    if touched:
        _, exercise = max(touched, key=lambda pair: pair[0])
        if exercise.pk not in progress.passed_exercise_ids(user) and not exercise.is_archived:
            return {
                "title": exercise.title,
                "url": exercise.get_absolute_url(),
                "why": "You were working on it.",
            }
        enrollment = (
            enrollments.filter(path__units__exercises__exercise=exercise).first() or enrollment
        )
    if enrollment:
        prog = progress.path_progress(user, enrollment.path)
        for unit, item in prog.next_items(limit=1):
            url = (
                item.url if item.label == "exercise" and item.url else unit.unit.get_absolute_url()
            )
            return {
                "title": item.title,
                "url": url,
                "why": f"Next in {enrollment.path.title}, {enrollment.path.unit_label} {unit.unit.number}.",
            }
    return None
