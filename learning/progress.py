"""Progress through a path, in two kinds that are never mixed.

* **self-reported**: topics, readings and exercises without an autograder that the learner
  ticks as done;
* **verified**: autograded exercises (done only when a submission *passed*) and projects
  (done only when a mentor approved them through `unit_item_approve`: a project without a
  package is submitted on its own page, submissions.projects, and approved in its review
  thread).

Each item's route is `UnitExercise.route` (autograded, project, self), the same that
`content_report` lists and the unit pages badge.

A unit's milestone is reached ("signed off") when its required items are verified: its
autograded exercises, or its projects when it has no autograded exercise. A unit with
neither has no verifiable milestone.

Skill tree mapping (documented in docs/learner.md and docs/authoring.md): a skill whose
content lists `proven_by` items is *mastered* when every one of them is verified. A path
whose skills list none maps its skills in `position` order one to one onto its units in
number order (skill i ↔ unit i), mastered when that unit's milestone is reached. A skill is
*available* when all of its prerequisites are mastered, and *locked* otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts.state import user_state_bump
from curriculum.models import Path, Topic, Unit, UnitExercise, UnitReading
from curriculum.selectors import readings_prefetch, unit_exercises_prefetch
from learning.models import ItemProgress
from notifications.services import notification_send
from submissions.models import Status, Submission

KINDS = ("topic", "reading", "unit_item")


@dataclass
class Item:
    """One row of a unit's checklist."""

    kind: str  # topic | reading | unit_item
    id: int
    title: str
    verified_kind: bool  # counted in the verified track (autograded exercise or project)
    done: bool
    url: str = ""
    label: str = ""  # exercise | project | topic | reading


@dataclass
class UnitProgress:
    unit: Unit
    items: list[Item] = field(default_factory=list)
    required_ids: set[int] = field(default_factory=set)  # UnitExercise ids the milestone needs

    @property
    def self_items(self) -> list[Item]:
        return [i for i in self.items if not i.verified_kind]

    @property
    def verified_items(self) -> list[Item]:
        return [i for i in self.items if i.verified_kind]

    self_done = property(lambda self: sum(i.done for i in self.self_items))
    self_total = property(lambda self: len(self.self_items))
    verified_done = property(lambda self: sum(i.done for i in self.verified_items))
    verified_total = property(lambda self: len(self.verified_items))
    self_percent = property(lambda self: _percent(self.self_done, self.self_total))
    verified_percent = property(lambda self: _percent(self.verified_done, self.verified_total))

    @property
    def milestone_reached(self) -> bool:
        required = [i for i in self.verified_items if i.id in self.required_ids]
        return bool(required) and all(i.done for i in required)

    @property
    def signed_off_by_mentor(self) -> bool:
        """The milestone rests on projects a mentor approves (no autograded item)."""
        required = [i for i in self.verified_items if i.id in self.required_ids]
        return bool(required) and all(i.label == "project" for i in required)

    @property
    def complete(self) -> bool:
        return all(i.done for i in self.items)

    def next_items(self) -> list[Item]:
        """Undone items, verified ones (the milestone's) first."""
        return sorted((i for i in self.items if not i.done), key=lambda i: not i.verified_kind)


@dataclass
class PathProgress:
    path: Path
    units: list[UnitProgress]

    self_done = property(lambda self: sum(u.self_done for u in self.units))
    self_total = property(lambda self: sum(u.self_total for u in self.units))
    verified_done = property(lambda self: sum(u.verified_done for u in self.units))
    verified_total = property(lambda self: sum(u.verified_total for u in self.units))
    self_percent = property(lambda self: _percent(self.self_done, self.self_total))
    verified_percent = property(lambda self: _percent(self.verified_done, self.verified_total))
    milestones_reached = property(lambda self: sum(u.milestone_reached for u in self.units))

    def unit(self, number: int) -> UnitProgress | None:
        return next((u for u in self.units if u.unit.number == number), None)

    def current_unit(self) -> UnitProgress | None:
        """The first unit with something left to do."""
        return next((u for u in self.units if not u.complete), None)

    def next_items(self, limit: int = 3) -> list[tuple[UnitProgress, Item]]:
        found = []
        for unit in self.units:
            for item in unit.next_items():
                found.append((unit, item))
                if len(found) == limit:
                    return found
        return found


def _percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


def passed_exercise_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Submission.objects.filter(user=user, status=Status.PASSED)
        .values_list("exercise_id", flat=True)
        .distinct()
    )


def _units(path: Path, unit_filter: dict | None = None):
    return (
        Unit.objects.live()
        .filter(path=path, phase__is_archived=False, **(unit_filter or {}))
        .select_related("path")
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "topics",
                queryset=Topic.objects.live().order_by("depth", "position", "id"),
                to_attr="p_topics",
            ),
            readings_prefetch(to_attr="p_readings"),
            unit_exercises_prefetch(to_attr="p_items"),
        )
    )


def _build(user, units) -> list[UnitProgress]:
    units = list(units)
    ticks = _ticks(user, units)
    passed = passed_exercise_ids(user)
    return [_unit_checklist(unit, ticks, passed) for unit in units]


def _unit_checklist(unit, ticks: dict[str, set[int]], passed: set[int]) -> UnitProgress:
    """One unit's checklist: topics, readings, then its exercise items (see the module doc)."""
    progress = UnitProgress(unit=unit)
    progress.items += _self_reported_items(unit, ticks)
    autograded = [i for i in unit.p_items if i.exercise_id and not i.exercise.is_archived]
    projects = [
        i for i in unit.p_items if i.kind == UnitExercise.Kind.PROJECT and i not in autograded
    ]
    progress.required_ids = {i.id for i in (autograded or projects)}
    progress.items += [
        _unit_item(item, autograded, projects, ticks, passed) for item in unit.p_items
    ]
    return progress


def _unit_item(
    item, autograded: list, projects: list, ticks: dict[str, set[int]], passed: set[int]
) -> Item:
    """An autograded exercise is done once passed, a project once approved (both verified);
    any other exercise item once the learner ticked it."""
    if item in autograded:
        return Item(
            "unit_item",
            item.id,
            item.title,
            True,
            item.exercise_id in passed,
            url=item.exercise.get_absolute_url(),
            label="exercise",
        )
    if item in projects:
        return Item(
            "unit_item",
            item.id,
            item.title,
            True,
            item.id in ticks["verified"],
            url=item.get_project_url(),
            label="project",
        )
    return Item(
        "unit_item", item.id, item.title, False, item.id in ticks["unit_item"], label="exercise"
    )


def _self_reported_items(unit, ticks: dict[str, set[int]]) -> list[Item]:
    """The unit's topics and readings, done when the learner ticked them."""
    items = [
        Item("topic", topic.id, str(topic), False, topic.id in ticks["topic"], label="topic")
        for topic in unit.p_topics
    ]
    items += [
        Item(
            "reading",
            reading.id,
            reading.resource.title,
            False,
            reading.id in ticks["reading"],
            url=reading.resource.url,
            label="reading",
        )
        for reading in unit.p_readings
    ]
    return items


def _ticks(user, units) -> dict[str, set[int]]:
    ticks: dict[str, set[int]] = defaultdict(set)
    if not user.is_authenticated or not units:
        return ticks
    rows = (
        ItemProgress.objects.filter(user=user)
        .filter(_any_of(units))
        .values_list("topic_id", "reading_id", "unit_item_id", "self_reported", "verified_at")
    )
    for topic_id, reading_id, item_id, self_reported, verified_at in rows:
        if verified_at and item_id:
            ticks["verified"].add(item_id)
        if self_reported:
            ticks["topic" if topic_id else "reading" if reading_id else "unit_item"].add(
                topic_id or reading_id or item_id
            )
    return ticks


def _any_of(units):
    ids = [u.id for u in units]
    return Q(topic__unit_id__in=ids) | Q(reading__unit_id__in=ids) | Q(unit_item__unit_id__in=ids)


def path_progress(user, path: Path) -> PathProgress:
    """Every unit's progress for one learner: six queries whatever the path's size."""
    return PathProgress(path=path, units=_build(user, _units(path)))


def unit_progress(user, unit: Unit) -> UnitProgress:
    return _build(user, _units(unit.path, {"pk": unit.pk}))[0]


def skill_states(path: Path, progress: PathProgress) -> dict[str, str]:
    """slug → 'mastered' | 'available' | 'locked' (mapping in the module docstring)."""
    skills = list(
        path.skills.live().order_by("position", "id").prefetch_related("requires", "proven_by")
    )
    verified = {
        item.id
        for unit in progress.units
        for item in unit.verified_items
        if item.kind == "unit_item" and item.done
    }
    if any(skill.proven_by.all() for skill in skills):
        mastered = {
            skill.slug
            for skill in skills
            if (proof := [i for i in skill.proven_by.all() if not i.is_archived])
            and all(i.id in verified for i in proof)
        }
    else:
        mastered = {
            skill.slug
            for skill, unit in zip(skills, progress.units, strict=False)
            if unit.milestone_reached
        }
    states = {}
    for skill in skills:
        if skill.slug in mastered:
            states[skill.slug] = "mastered"
        elif all(r.slug in mastered for r in skill.requires.all()):
            states[skill.slug] = "available"
        else:
            states[skill.slug] = "locked"
    return states


class ProgressRejected(ValueError):
    """A tick that is not the learner's to give (a verified item)."""


def _item_lookup(kind: str, item_id: int) -> dict:
    model = {"topic": Topic, "reading": UnitReading, "unit_item": UnitExercise}[kind]
    obj = model.objects.live().get(pk=item_id)
    if kind == "unit_item" and (obj.exercise_id or obj.kind == UnitExercise.Kind.PROJECT):
        raise ProgressRejected(
            "This item counts as done only when it is verified: a passing submission for an "
            "exercise, a mentor's approval for a project."
        )
    return {kind: obj}


@transaction.atomic
def progress_tick(*, user, kind: str, item_id: int, done: bool) -> None:
    """Tick (or untick) a self-reported item. Verified items refuse a tick."""
    if kind not in KINDS:
        raise ProgressRejected("Unknown kind of item.")
    lookup = _item_lookup(kind, item_id)
    if done:
        ItemProgress.objects.update_or_create(user=user, **lookup, defaults={"self_reported": True})
    else:
        ItemProgress.objects.filter(user=user, **lookup, verified_at__isnull=True).delete()
        if ItemProgress.objects.filter(user=user, **lookup).update(self_reported=False):
            user_state_bump(user.pk)  # a queryset update sends no signal


@transaction.atomic
def unit_item_approve(
    *, mentor, learner, unit_item: UnitExercise, feedback: str = ""
) -> ItemProgress:
    """A mentor verifies a project item for a learner (the mentor side calls this).

    Idempotent; notifies the learner. Refuses non-mentors.
    """
    if not mentor.is_mentor:
        raise PermissionError("Only mentors approve projects.")
    progress, _ = ItemProgress.objects.update_or_create(
        user=learner,
        unit_item=unit_item,
        defaults={"verified_at": timezone.now(), "verified_by": mentor, "feedback": feedback},
    )
    notification_send(
        user=learner,
        kind="approval",
        text=f"{mentor.shown_name} approved your project “{unit_item.title}”.",
        url=unit_item.unit.get_absolute_url(),
    )
    return progress
