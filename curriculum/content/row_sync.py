"""Make a set of database rows match a list from a file, by natural key, never deleting.

Rows found in the file are created or updated in place (so their ids, and the learners'
progress and submissions pointing at them, stay); rows no longer in the file are archived.
A row archived earlier comes back when its key reappears.
"""

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.db import models

if TYPE_CHECKING:
    from curriculum.models import ContentModel, Resource

Row = TypeVar("Row", bound="ContentModel | Resource")  # every synced model has is_archived
Key = TypeVar("Key", bound=Hashable)


@dataclass
class ChangeLog:
    """What one import changed, as detail lines and counts per (action, kind)."""

    details: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def note(self, action: str, kind: str, label: str, extra: str = "") -> None:
        self.counts[(action, kind)] += 1
        self.details.append(f"{kind} {label}: {action}{f' ({extra})' if extra else ''}")

    def __bool__(self) -> bool:
        return bool(self.details)

    def summary(self) -> str:
        """e.g. 'created 4 phases, 16 units; updated 1 unit; archived 2 topics'."""
        parts = []
        for action in ("created", "updated", "restored", "archived", "deleted"):
            kinds = [(k, n) for (a, k), n in self.counts.items() if a == action]
            if kinds:
                parts.append(f"{action} " + ", ".join(f"{n} {_plural(k, n)}" for k, n in kinds))
        return "; ".join(parts)


def _plural(kind: str, n: int) -> str:
    if n == 1:
        return kind
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


def apply_values(row: models.Model, values: dict) -> list[str]:
    """Set the fields that differ; return their names (empty: nothing to save)."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    return changed


def sync_rows(
    *,
    existing: models.QuerySet[Row],
    key_of: Callable[[Row], Key],
    wanted: list[tuple[Key, dict]],
    kind: str,
    log: ChangeLog,
    ordered: bool = True,
) -> dict[Key, Row]:
    """Upsert `wanted` (key, field values) into `existing`, archive the rest; return rows by key.

    Values name concrete columns (`unit_id`, not `unit`) so comparing them costs no query.
    """
    by_key: dict[Key, Row] = {}
    spare: list[Row] = []
    row: Row | None
    for row in existing.order_by("is_archived", "pk"):  # a live row wins over an archived twin
        key = key_of(row)
        if key in by_key:
            spare.append(row)
        else:
            by_key[key] = row
    kept = {}
    for position, (key, values) in enumerate(wanted):
        values = {**values, "is_archived": False}
        if ordered:
            values["position"] = position
        row = by_key.pop(key, None)
        label = _label(key)
        if row is None:
            row = existing.model(**values)
            row.save()
            log.note("created", kind, label)
        else:
            was_archived = row.is_archived
            changed = apply_values(row, values)
            if changed:
                row.save(update_fields=changed)
                if was_archived:
                    log.note("restored", kind, label)
                elif changed != ["position"]:
                    log.note(
                        "updated", kind, label, ", ".join(c for c in changed if c != "position")
                    )
                else:
                    log.note("updated", kind, label, "moved")
        kept[key] = row
    for row in [*by_key.values(), *spare]:
        if not row.is_archived:
            row.is_archived = True
            row.save(update_fields=["is_archived"])
            log.note("archived", kind, _label(key_of(row)))
    return kept


def _label(key: Hashable) -> str:
    if isinstance(key, tuple):
        return " / ".join(str(k) for k in key)
    text = str(key)
    return text if len(text) <= 60 else text[:57] + "..."
