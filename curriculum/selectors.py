"""Read-only queries behind the browse pages.

Every function issues a fixed number of SQL queries whatever the size of the path:
related rows come through `Prefetch` querysets and topic trees are built in Python
from one flat query, so a 30-section path costs what a 4-week one does.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from curriculum.models import (
    CrossReference,
    Exercise,
    GlossaryTerm,
    Outcome,
    Path,
    PathResource,
    Phase,
    Resource,
    Skill,
    Topic,
    Trap,
    Unit,
    UnitExercise,
    UnitReading,
)

# Catalog duration filter: value → (label, min weeks, max weeks inclusive or None).
DURATION_RANGES: dict[str, tuple[str, int, int | None]] = {
    "short": ("Up to 8 weeks", 0, 8),
    "medium": ("9 to 26 weeks", 9, 26),
    "long": ("More than 26 weeks", 27, None),
}


@dataclass(frozen=True)
class CatalogFilters:
    """The catalog's query string, cleaned: unknown values are ignored, never errors."""

    level: str = ""
    duration: str = ""
    tag: str = ""
    q: str = ""

    @classmethod
    def from_querydict(cls, data) -> CatalogFilters:
        level = data.get("level", "")
        duration = data.get("duration", "")
        return cls(
            level=level if level in Path.Level.values else "",
            duration=duration if duration in DURATION_RANGES else "",
            tag=data.get("tag", "").strip()[:50],
            q=data.get("q", "").strip()[:200],
        )

    @property
    def active(self) -> bool:
        return bool(self.level or self.duration or self.tag or self.q)


def live_paths() -> QuerySet[Path]:
    return Path.objects.live().filter(is_published=True)


def catalog_paths(
    filters: CatalogFilters, *, only_ids: Iterable[int] | None = None
) -> QuerySet[Path]:
    """Published paths matching the level/duration/tag filters, tags and unit count included.

    `only_ids` narrows to search hits (the catalog's `q`); None means no search.
    """
    paths = live_paths()
    if only_ids is not None:
        paths = paths.filter(pk__in=list(only_ids))
    if filters.level:
        paths = paths.filter(level=filters.level)
    if filters.duration:
        _label, low, high = DURATION_RANGES[filters.duration]
        paths = paths.filter(duration_weeks__gte=low)
        if high is not None:
            paths = paths.filter(duration_weeks__lte=high)
    if filters.tag:
        paths = paths.filter(tags__slug=filters.tag)
    # Meta.ordering is dropped from GROUP BY queries, so order explicitly (pagination needs it).
    return (
        paths.annotate(unit_count=Count("units", filter=Q(units__is_archived=False), distinct=True))
        .order_by("title", "pk")
        .prefetch_related("tags")
    )


def catalog_tags() -> list[str]:
    """Tags used by at least one published path, for the filter's options."""
    return list(
        live_paths()
        .filter(tags__isnull=False)
        .values_list("tags__slug", flat=True)
        .distinct()
        .order_by("tags__slug")
    )


def live_readings() -> QuerySet[UnitReading]:
    """Readings a unit shows: live, of a live resource, the resource fetched along."""
    return UnitReading.objects.live().filter(resource__is_archived=False).select_related("resource")


def readings_prefetch(to_attr: str = "live_readings") -> Prefetch:
    """A unit's `live_readings()` as a list on `to_attr`."""
    return Prefetch("readings", queryset=live_readings(), to_attr=to_attr)


def unit_exercises_prefetch(to_attr: str = "live_exercises") -> Prefetch:
    """A unit's live exercise items, each with its catalogue exercise, as a list on `to_attr`."""
    return Prefetch(
        "exercises",
        queryset=UnitExercise.objects.live().select_related("exercise"),
        to_attr=to_attr,
    )


def path_for_page(slug: str) -> Path:
    """One path with everything its page shows, in a constant number of queries."""
    units = Unit.objects.live().prefetch_related(unit_exercises_prefetch())
    path = (
        # The plugin reports a to_attr that the model declares (Path.live_phases) as a redefinition.
        live_paths()  # type: ignore[no-redef]
        .select_related("call_to_action")
        .prefetch_related(
            "tags",
            Prefetch(
                "phases",
                queryset=Phase.objects.live().prefetch_related(
                    Prefetch("units", queryset=units, to_attr="live_units")
                ),
                to_attr="live_phases",
            ),
            Prefetch("outcomes", queryset=Outcome.objects.live(), to_attr="live_outcomes"),
            Prefetch("traps", queryset=Trap.objects.live(), to_attr="live_traps"),
            Prefetch(
                "path_resources",
                queryset=PathResource.objects.live()
                .filter(resource__is_archived=False)
                .select_related("resource"),
                to_attr="live_resources",
            ),
            _skills_prefetch(),
            Prefetch(
                "cross_references",
                queryset=CrossReference.objects.live()
                .filter(target__is_archived=False)
                .select_related("target"),
                to_attr="live_cross_references",
            ),
        )
        .annotate(
            glossary_count=Count("glossary", filter=Q(glossary__is_archived=False), distinct=True)
        )
        .filter(slug=slug)
        .first()
    )
    if path is None:
        raise Http404("No such path")
    return path


def _skills_prefetch() -> Prefetch:
    return Prefetch(
        "skills",
        queryset=Skill.objects.live().prefetch_related(
            Prefetch("requires", queryset=Skill.objects.live())
        ),
        to_attr="live_skills",
    )


def path_with_skills(slug: str) -> Path:
    """A path and its live skills with their prerequisites, for the skill-tree page."""
    path = live_paths().prefetch_related(_skills_prefetch()).filter(slug=slug).first()
    if path is None:
        raise Http404("No such path")
    return path


def call_to_action(path: Path):
    """The path's call to action or None (a missing reverse one-to-one raises AttributeError)."""
    return getattr(path, "call_to_action", None)


def first_autograded_exercise(path: Path):
    """The first autograded exercise on a path prefetched by `path_for_page`, or None."""
    for phase in path.live_phases:
        for unit in phase.live_units:
            for item in unit.live_exercises:
                if item.exercise is not None and not item.exercise.is_archived:
                    return item.exercise
    return None


@dataclass
class TopicNode:
    """A topic with its children, for templates that recurse."""

    topic: Topic
    children: list[TopicNode] = field(default_factory=list)


def build_topic_tree(topics: Iterable[Topic]) -> list[TopicNode]:
    """Nest a flat, ordered list of topics by `parent`; orphans of archived parents are dropped."""
    nodes = {topic.id: TopicNode(topic) for topic in topics}
    roots: list[TopicNode] = []
    for node in nodes.values():
        parent_id = node.topic.parent_id
        if parent_id is None:
            roots.append(node)
        elif parent_id in nodes:
            nodes[parent_id].children.append(node)
    return roots


def _topic_order() -> QuerySet[Topic]:
    return Topic.objects.live().order_by("depth", "position", "id")


@dataclass
class UnitPage:
    unit: Unit
    topics: list[TopicNode]
    previous: Unit | None
    next: Unit | None


def unit_for_page(slug: str, number: int) -> UnitPage:
    """A unit with topics (as a tree), readings, exercises and its neighbours: five queries."""
    unit = (
        _live_unit(slug, number).prefetch_related(readings_prefetch(), unit_exercises_prefetch())
    ).first()
    if unit is None:
        raise Http404("No such unit")
    topics = build_topic_tree(_topic_order().filter(unit=unit))
    siblings = (
        Unit.objects.live()
        .filter(path_id=unit.path_id, phase__is_archived=False)
        .only("number", "title")
    )
    previous = siblings.filter(number__lt=unit.number).order_by("-number").first()
    following = siblings.filter(number__gt=unit.number).order_by("number").first()
    return UnitPage(unit=unit, topics=topics, previous=previous, next=following)


def path_head(slug: str) -> Path:
    """The path alone (its page's cached parts hold the rest): one query, 404 as path_for_page."""
    return get_object_or_404(live_paths(), slug=slug)


def unit_head(slug: str, number: int) -> Unit:
    """The unit with its path and phase (the cached parts hold the rest), 404 as unit_for_page."""
    unit = _live_unit(slug, number).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def _live_unit(slug: str, number: int) -> QuerySet[Unit]:
    """The one live unit of a live path that the unit pages show, with its path and phase."""
    return (
        Unit.objects.live()
        .filter(path__in=live_paths(), path__slug=slug, number=number, phase__is_archived=False)
        .select_related("path", "phase")
    )


def path_for_print(slug: str) -> Path:
    """The whole path for one printable page: every unit's topics as trees (`unit.topic_tree`)."""
    path = path_for_page(slug)
    unit_ids = [unit.id for phase in path.live_phases for unit in phase.live_units]
    by_unit: dict[int, list[Topic]] = defaultdict(list)
    for topic in _topic_order().filter(unit_id__in=unit_ids):
        by_unit[topic.unit_id].append(topic)
    readings: dict[int, list[UnitReading]] = defaultdict(list)
    for reading in live_readings().filter(unit_id__in=unit_ids):
        readings[reading.unit_id].append(reading)
    for phase in path.live_phases:
        for unit in phase.live_units:
            unit.topic_tree = build_topic_tree(by_unit[unit.id])
            unit.live_readings = readings[unit.id]
    return path


def resource_library(*, kind: str = "", path_slug: str = "", q: str = "") -> QuerySet[Resource]:
    """Live resources, filtered; each carries the live paths that use it (`using_paths`)."""
    resources = Resource.objects.live()
    if kind in Resource.Kind.values:
        resources = resources.filter(kind=kind)
    if path_slug:
        resources = resources.filter(
            path_resources__path__slug=path_slug, path_resources__is_archived=False
        )
    if q:
        resources = resources.filter(
            Q(title__icontains=q) | Q(authors__icontains=q) | Q(summary__icontains=q)
        )
    return resources.distinct().prefetch_related(
        Prefetch(
            "paths", queryset=live_paths().distinct().only("slug", "title"), to_attr="using_paths"
        )
    )


def glossary_terms(*, path_slug: str = "") -> QuerySet[GlossaryTerm]:
    """Live glossary terms of published paths, ordered for grouping by path."""
    terms = GlossaryTerm.objects.live().filter(path__in=live_paths()).select_related("path")
    if path_slug:
        terms = terms.filter(path__slug=path_slug)
    return terms.order_by("path__title", "position", "term")


def group_terms_alphabetically(
    terms: Iterable[GlossaryTerm],
) -> list[tuple[str, list[GlossaryTerm]]]:
    """A-Z groups by first letter (digits and symbols under '#')."""
    groups: dict[str, list[GlossaryTerm]] = defaultdict(list)
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        first = term.term[:1].upper()
        groups[first if first.isalpha() else "#"].append(term)
    return sorted(groups.items())


def group_terms_by_path(terms: Iterable[GlossaryTerm]) -> list[tuple[Path, list[GlossaryTerm]]]:
    groups: dict[int, tuple[Path, list[GlossaryTerm]]] = {}
    for term in terms:
        groups.setdefault(term.path_id, (term.path, []))[1].append(term)
    return list(groups.values())


def get_live_exercise(slug: str) -> Exercise:
    return get_object_or_404(Exercise, slug=slug, is_archived=False)


def get_live_path(slug: str) -> Path:
    return get_object_or_404(Path, slug=slug, is_archived=False, is_published=True)


@dataclass(frozen=True)
class SandboxFacts:
    """What an exercise's code runs with, shown before the learner submits."""

    image: str
    wall_seconds: float
    memory_mb: int
    cpus: float
    libraries: tuple[tuple[str, str], ...]

    @property
    def cpu_seconds(self) -> float:
        return round(self.wall_seconds * self.cpus, 1)


def exercise_sandbox(exercise: Exercise) -> SandboxFacts:
    """The exercise's budget (its `limits:` over the sandbox defaults) and its image's pins."""
    spec = exercise.spec or {}
    limits = {**settings.SANDBOX_LIMIT_DEFAULTS, **(spec.get("limits") or {})}
    image = "gpu" if exercise.device == "gpu" else (spec.get("environment") or {}).get("image")
    image = image if image in settings.SANDBOX_REQUIREMENTS else "default"
    return SandboxFacts(
        image=image,
        wall_seconds=float(limits["wall_seconds"]),
        memory_mb=int(limits["memory_mb"]),
        cpus=float(limits["cpus"]),
        libraries=image_libraries(image),
    )


@functools.lru_cache(maxsize=8)
def image_libraries(image: str) -> tuple[tuple[str, str], ...]:
    """(name, version) of every `name==version` pin of the image's requirement files, `-r`
    includes first; read once per process."""
    return tuple(_pins(settings.SANDBOX_IMAGES_DIR / settings.SANDBOX_REQUIREMENTS[image]).items())


def _pins(path: FilePath) -> dict[str, str]:
    pins: dict[str, str] = {}
    if not path.exists():
        return pins
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins.update(_pins(path.parent / line[3:].strip()))
        elif "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip()] = version.strip()
    return pins
