"""Catalog search across paths, units, topics and resources.

PostgreSQL ranks with full-text search computed in the query (no extra column or
migration: the corpus is small and changes only on import). SQLite, the embedded
default, falls back to `icontains` so `make demo` still finds things.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Expression, Q, QuerySet

from curriculum.models import Path, Resource, Topic, Unit

LIMIT = 20


@dataclass
class SearchResults:
    query: str
    paths: list[Path] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.paths) + len(self.units) + len(self.topics) + len(self.resources)

    @property
    def path_ids(self) -> set[int]:
        """Paths that matched themselves or through one of their units or topics."""
        return (
            {p.pk for p in self.paths}
            | {u.path_id for u in self.units}
            | {t.unit.path_id for t in self.topics}
        )


def _live_units() -> QuerySet[Unit]:
    return Unit.objects.live().filter(
        path__is_archived=False, path__is_published=True, phase__is_archived=False
    )


def _sources() -> dict[str, tuple[QuerySet, tuple[str, ...]]]:
    """What is searched: each kind's live queryset and its weighted fields (A first)."""
    return {
        "paths": (Path.objects.live().filter(is_published=True), ("title", "tagline", "summary")),
        "units": (_live_units().select_related("path"), ("title", "goal", "summary")),
        "topics": (
            Topic.objects.live().filter(unit__in=_live_units()).select_related("unit__path"),
            ("title", "number", "summary"),
        ),
        "resources": (Resource.objects.live(), ("title", "authors", "summary")),
    }


def _postgres(queryset: QuerySet, fields: tuple[str, ...], text: str) -> QuerySet:
    # PostgreSQL only: called when connection.vendor is postgresql, never loaded on SQLite.
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector: Expression = SearchVector(fields[0], weight="A", config="english")
    for name, weight in zip(fields[1:], "BC", strict=False):
        vector += SearchVector(name, weight=weight, config="english")
    query = SearchQuery(text, search_type="websearch", config="english")
    return (
        queryset.annotate(search=vector, rank=SearchRank(vector, query))
        .filter(search=query)
        .order_by("-rank", "pk")
    )


def _fallback(queryset: QuerySet, fields: tuple[str, ...], text: str) -> QuerySet:
    words = text.split()[:8]
    condition = Q()
    for word in words:  # every word must appear in some field, like websearch's AND
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return queryset.filter(condition).order_by("pk")


def search(text: str) -> SearchResults:
    """Best matches of each kind (at most LIMIT each); four queries on either backend."""
    text = text.strip()
    results = SearchResults(query=text)
    if not text:
        return results
    match = _postgres if connection.vendor == "postgresql" else _fallback
    for kind, (queryset, fields) in _sources().items():
        setattr(results, kind, list(match(queryset, fields, text)[:LIMIT]))
    return results
