"""Catalog search across paths, units, topics, exercises and resources.

PostgreSQL matches a stored, GIN-indexed `search_vector` on each searchable model, filled
by `search_vectors_refresh()` when content is imported (and when the admin saves a row),
so a query never computes `to_tsvector` over the corpus. Every word of the query is a
prefix ("matmul" finds "matmul-from-scratch", "grad desc" finds "gradient descent").
SQLite, the embedded default, falls back to `icontains` on the same fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Expression, F, Model, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast, Replace

from curriculum.models import Exercise, Path, Resource, Topic, Unit, UnitExercise

LIMIT = 20
CONFIG = "english"
MAX_WORDS = 8
_WORD = re.compile(r"\w+")

# What each kind's document holds, most important first: (field, weight) for the stored
# vector; the same fields are what the SQLite fallback looks into.
DOCUMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "path": (("title", "A"), ("slug", "A"), ("tagline", "B"), ("summary", "C")),
    "unit": (("title", "A"), ("goal", "B"), ("summary", "C"), ("milestone", "D")),
    "topic": (("title", "A"), ("number", "B"), ("summary", "C")),
    "exercise": (
        ("title", "A"),
        ("slug", "A"),
        ("tags", "B"),
        ("goals", "B"),
        ("statement", "C"),
    ),
    "resource": (("title", "A"), ("authors", "B"), ("summary", "C")),
}


@dataclass
class SearchResults:
    query: str
    paths: list[Path] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.paths)
            + len(self.units)
            + len(self.topics)
            + len(self.exercises)
            + len(self.resources)
        )

    @property
    def path_ids(self) -> set[int]:
        """Paths that matched themselves or through one of their units, topics or exercises."""
        return (
            {p.pk for p in self.paths}
            | {u.path_id for u in self.units}
            | {t.unit.path_id for t in self.topics}
            | {pid for e in self.exercises if (pid := getattr(e, "used_in_path_id", None))}
        )


# --- the stored documents ---------------------------------------------------------------


def _column(kind: str, name: str) -> Expression | str:
    """A document field as text: slugs split at hyphens, JSON lists cast to their text."""
    if name == "slug":
        return Replace(F("slug"), Value("-"), Value(" "))
    if kind == "exercise" and name == "tags":
        return Cast(KeyTransform("tags", "spec"), TextField())
    if kind == "exercise" and name == "goals":
        return Cast("goals", TextField())
    return name


def document_vector(kind: str) -> Expression:
    """The weighted `tsvector` expression stored in `search_vector` for one kind."""
    from django.contrib.postgres.search import SearchVector

    vector: Expression | None = None
    for name, weight in DOCUMENTS[kind]:
        part = SearchVector(_column(kind, name), weight=weight, config=CONFIG)
        vector = part if vector is None else vector + part
    assert vector is not None
    return vector


_MODELS: dict[str, type[Model]] = {
    "path": Path,
    "unit": Unit,
    "topic": Topic,
    "exercise": Exercise,
    "resource": Resource,
}


def search_vectors_refresh(
    *, only_missing: bool = False, model_for: Callable[[str], type[Model]] | None = None
) -> int:
    """Recompute every stored search document: one UPDATE per kind, PostgreSQL only.

    Called at the end of `content_import` (and by the admin after a save) so that search
    reads an index instead of the text. `only_missing` fills rows that have none yet;
    `model_for` lets a migration pass its historical models. Returns rows updated.
    """
    if connection.vendor != "postgresql":
        return 0
    get = model_for or _MODELS.__getitem__
    updated = 0
    for kind in DOCUMENTS:
        rows = get(kind)._default_manager.all()
        if only_missing:
            rows = rows.filter(search_vector__isnull=True)
        updated += rows.update(search_vector=document_vector(kind))
    return updated


# --- querying ----------------------------------------------------------------------------


def _live_units() -> QuerySet[Unit]:
    return Unit.objects.live().filter(
        path__is_archived=False, path__is_published=True, phase__is_archived=False
    )


def _exercises() -> QuerySet[Exercise]:
    """Live exercises, each with the first published path and unit that lists it (if any)."""
    use = (
        UnitExercise.objects.live()
        .filter(exercise=OuterRef("pk"), unit__in=_live_units())
        .order_by("unit__path__title", "unit__number")
    )
    return Exercise.objects.filter(is_archived=False).annotate(
        used_in_path_id=Subquery(use.values("unit__path_id")[:1]),
        used_in_path=Subquery(use.values("unit__path__title")[:1]),
        used_in_label=Subquery(use.values("unit__path__unit_label")[:1]),
        used_in_slug=Subquery(use.values("unit__path__slug")[:1]),
        used_in_unit=Subquery(use.values("unit__number")[:1]),
    )


def _sources() -> dict[str, tuple[str, QuerySet]]:
    """Each result list, with the kind of document it matches and its live queryset."""
    return {
        "paths": ("path", Path.objects.live().filter(is_published=True)),
        "units": ("unit", _live_units().select_related("path")),
        "topics": (
            "topic",
            Topic.objects.live().filter(unit__in=_live_units()).select_related("unit__path"),
        ),
        "exercises": ("exercise", _exercises()),
        "resources": ("resource", Resource.objects.live()),
    }


def query_words(text: str) -> list[str]:
    """The words searched for: letters and digits only, at most MAX_WORDS."""
    return _WORD.findall(text.lower())[:MAX_WORDS]


def prefix_tsquery(words: list[str]) -> str:
    """`to_tsquery` text where every word is a prefix and all must match: 'matmul:* & from:*'."""
    return " & ".join(f"{word}:*" for word in words)


def _postgres(kind: str, queryset: QuerySet, words: list[str]) -> QuerySet:
    # PostgreSQL only: called when connection.vendor is postgresql, never loaded on SQLite.
    from django.contrib.postgres.search import SearchQuery, SearchRank

    query = SearchQuery(prefix_tsquery(words), search_type="raw", config=CONFIG)
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "pk")
    )


def _fallback_lookup(kind: str, name: str) -> str:
    if kind == "exercise" and name == "tags":
        return "spec__tags__icontains"
    return f"{name}__icontains"


def _fallback(kind: str, queryset: QuerySet, words: list[str]) -> QuerySet:
    condition = Q()
    for word in words:  # every word must appear in some field, like the tsquery's AND
        any_field = Q()
        for name, _weight in DOCUMENTS[kind]:
            any_field |= Q(**{_fallback_lookup(kind, name): word})
        condition &= any_field
    return queryset.filter(condition).order_by("pk")


def search(text: str) -> SearchResults:
    """Best matches of each kind (at most LIMIT each); five queries on either backend."""
    text = text.strip()
    results = SearchResults(query=text)
    words = query_words(text)
    if not words:
        return results
    match = _postgres if connection.vendor == "postgresql" else _fallback
    for attr, (kind, queryset) in _sources().items():
        setattr(results, attr, list(match(kind, queryset, words)[:LIMIT]))
    return results
