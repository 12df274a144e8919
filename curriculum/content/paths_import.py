"""Import the content folder into the database: validate everything, then sync in one transaction.

Rows are matched by natural keys (path slug, phase and unit numbers, topic number or
title under its parent, resource and skill slugs...) and updated in place; what left the
files is archived, never deleted. A path whose normalized file hashes as last time is
skipped without touching its rows.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from django.db import transaction

from curriculum.content import schema
from curriculum.content.exercise_sync import exercise_rows_sync
from curriculum.content.row_sync import ChangeLog, apply_values, sync_rows
from curriculum.content.validation import ContentSet, load_content
from curriculum.models import (
    CallToAction,
    CrossReference,
    Exercise,
    GlossaryTerm,
    Outcome,
    Path,
    PathResource,
    Phase,
    Resource,
    Skill,
    Tag,
    Topic,
    Trap,
    Unit,
    UnitExercise,
    UnitReading,
)
from curriculum.page_cache import content_changes
from curriculum.search import search_vectors_refresh

PATH_FIELDS = (
    "title",
    "tagline",
    "level",
    "duration",
    "duration_weeks",
    "total_hours",
    "audience",
    "prerequisites",
    "author",
    "source",
    "published_on",
    "version",
    "is_published",
    "unit_label",
    "summary",
    "rationale",
    "next_steps",
)


# Every kind of row an import writes, as ChangeLog names it, and the rows counted as its total.
KIND_MODELS = {
    "exercise": Exercise,
    "resource": Resource,
    "path": Path,
    "phase": Phase,
    "unit": Unit,
    "topic": Topic,
    "reading": UnitReading,
    "unit exercise": UnitExercise,
    "path resource": PathResource,
    "skill": Skill,
    "outcome": Outcome,
    "trap": Trap,
    "glossary term": GlossaryTerm,
    "cross-reference": CrossReference,
    "call to action": CallToAction,
}
ACTIONS = ("created", "updated", "restored", "archived", "deleted")


def live_totals() -> dict[str, int]:
    """Live rows of each kind now (archived ones are not counted)."""
    totals = {}
    for kind, model in KIND_MODELS.items():
        rows = model._default_manager.all()
        if any(f.name == "is_archived" for f in model._meta.fields):
            rows = rows.filter(is_archived=False)
        totals[kind] = rows.count()
    return totals


@dataclass
class ImportReport:
    dry_run: bool = False
    exercises: list[str] = field(default_factory=list)
    resources: ChangeLog = field(default_factory=ChangeLog)
    paths: dict[str, ChangeLog] = field(default_factory=dict)  # only paths that changed
    unchanged: list[str] = field(default_factory=list)
    content_dir: str = ""
    totals: dict[str, int] = field(default_factory=dict)  # live rows per kind after the import

    def kind_counts(self) -> list[dict]:
        """Per kind: created, updated, restored, archived, deleted and unchanged rows."""
        counts: dict[str, dict[str, int]] = {k: dict.fromkeys(ACTIONS, 0) for k in KIND_MODELS}
        # Exercise lines read "exercise <slug>: created" or "...: archived (package removed)".
        for line in self.exercises:
            action = line.rsplit(": ", 1)[-1].split(" ")[0]
            if action in ACTIONS:
                counts["exercise"][action] += 1
        for log in [self.resources, *self.paths.values()]:
            for (action, kind), n in log.counts.items():
                counts.setdefault(kind, dict.fromkeys(ACTIONS, 0))[action] += n
        rows = []
        for kind, by_action in counts.items():
            touched = by_action["created"] + by_action["updated"] + by_action["restored"]
            unchanged = max(self.totals.get(kind, 0) - touched, 0)
            if any(by_action.values()) or unchanged:
                rows.append({"kind": kind, **by_action, "unchanged": unchanged})
        return rows

    @property
    def changed(self) -> bool:
        return bool(self.exercises or self.resources or self.paths)

    def lines(self, *, details: bool = False) -> list[str]:
        """The human summary the command prints and the admin shows as messages."""
        lines = [*self.exercises]
        if self.resources:
            lines.append(f"resources: {self.resources.summary()}")
        for slug, log in self.paths.items():
            lines.append(f"{slug}: {log.summary()}")
            if details:
                lines += [f"  {d}" for d in log.details]
        if not self.changed:
            lines.append("No changes.")
        elif self.unchanged:
            lines.append(f"unchanged: {', '.join(self.unchanged)}")
        if self.dry_run:
            lines.append("Dry run: rolled back, nothing was written.")
        return lines


def content_hash(data: dict) -> str:
    """Hash of a normalized path file; tags are a set, so their order does not count."""
    canonical = {**data, "tags": sorted(data["tags"])}
    text = json.dumps(canonical, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def content_import(
    *, content_dir: FilePath, dry_run: bool = False, force: bool = False
) -> ImportReport:
    """Validate the whole folder (raising ContentInvalid), then import it atomically.

    `force` re-syncs paths whose hash is unchanged (e.g. to undo edits made in the admin).
    """
    content = load_content(content_dir)
    report = ImportReport(dry_run=dry_run, content_dir=str(content_dir))
    with transaction.atomic():
        with content_changes():  # one move of the revision, rolled back with a dry run
            _import(content, report, force=force)
        # Search reads stored documents: rebuild them after a change, fill any missing.
        search_vectors_refresh(only_missing=not report.changed)
        report.totals = live_totals()  # before a dry run's rollback, so it counts what would be
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import(content: ContentSet, report: ImportReport, *, force: bool) -> None:
    if content.packages is not None:
        report.exercises = exercise_rows_sync(content.packages)
    sync_resources(content.resources, report.resources)
    resources = {r.slug: r for r in Resource.objects.all()}
    exercises = {e.slug: e for e in Exercise.objects.all()}

    todo = []
    for spec in content.paths:
        data, digest = spec.data, content_hash(spec.data)
        row = Path.objects.filter(slug=data["slug"]).first()
        if row and row.content_hash == digest and not row.is_archived and not force:
            report.unchanged.append(data["slug"])
            continue
        log = ChangeLog()
        row = sync_path(data, log, resources=resources, exercises=exercises)
        todo.append((row, data, digest, log))
    for row, data, digest, log in todo:  # targets exist only once every path is synced
        sync_cross_references(row, data, log)
        if row.content_hash != digest:
            row.content_hash = digest
            row.save(update_fields=["content_hash"])
        if log:
            report.paths[row.slug] = log
        else:
            report.unchanged.append(row.slug)

    slugs = [spec.data["slug"] for spec in content.paths]
    for gone in Path.objects.filter(is_archived=False).exclude(slug__in=slugs):
        gone.is_archived = True
        gone.save(update_fields=["is_archived"])
        report.paths.setdefault(gone.slug, ChangeLog()).note(
            "archived", "path", gone.slug, "folder removed"
        )


def sync_resources(specs: list[dict], log: ChangeLog) -> None:
    sync_rows(
        existing=Resource.objects.all(),
        key_of=lambda r: r.slug,
        wanted=[(s["slug"], dict(s)) for s in specs],
        kind="resource",
        log=log,
        ordered=False,
    )


def sync_path(data: dict, log: ChangeLog, *, resources: dict, exercises: dict) -> Path:
    """Everything of one path except cross-references, which need the other paths."""
    hours = data["weekly_hours"] or [None, None]
    values = {name: data[name] for name in PATH_FIELDS}
    values |= {"weekly_hours_min": hours[0], "weekly_hours_max": hours[1], "is_archived": False}
    path = Path.objects.filter(slug=data["slug"]).first()
    if path is None:
        path = Path.objects.create(slug=data["slug"], **values)
        log.note("created", "path", path.slug)
    elif changed := apply_values(path, values):
        path.save()
        log.note("updated", "path", path.slug, ", ".join(changed))

    _sync_tags(path, data["tags"], log)
    _sync_call_to_action(path, data["call_to_action"], log)
    _sync_path_lists(path, data, log, resources)
    _sync_skills(path, data["skills"], log)
    _sync_phases_and_units(path, data["phases"], log, resources, exercises)
    _sync_skill_evidence(path, data["skills"], log)
    return path


def _sync_skill_evidence(path: Path, specs: list[dict], log: ChangeLog) -> None:
    """Each skill's `proven_by` titles, as links to the path's live unit items (after units)."""
    items = {
        item.title: item
        for item in UnitExercise.objects.live()
        .filter(unit__path=path, unit__is_archived=False)
        .order_by("-pk")
    }
    for spec in specs:
        skill = Skill.objects.get(path=path, slug=spec["slug"])
        wanted = {items[t].pk for t in spec["proven_by"] if t in items}
        if set(skill.proven_by.values_list("pk", flat=True)) != wanted:
            skill.proven_by.set(wanted)
            log.note("updated", "skill", skill.slug, "proven_by")


def _sync_tags(path: Path, slugs: list[str], log: ChangeLog) -> None:
    current = set(path.tags.values_list("slug", flat=True))
    if current != set(slugs):
        path.tags.set([Tag.objects.get_or_create(slug=slug)[0] for slug in slugs])
        if current:  # a new path's first tags are part of "created"
            log.note("updated", "path", path.slug, "tags")


def _sync_call_to_action(path: Path, spec: dict | None, log: ChangeLog) -> None:
    cta = CallToAction.objects.filter(path=path).first()
    if spec is None:
        if cta:  # no learner data hangs off a call to action, so it can go
            cta.delete()
            log.note("deleted", "call to action", cta.title)
        return
    if cta is None:
        CallToAction.objects.create(path=path, **spec)
        log.note("created", "call to action", spec["title"])
    elif changed := apply_values(cta, spec):
        cta.save()
        log.note("updated", "call to action", spec["title"], ", ".join(changed))


def _sync_path_lists(path: Path, data: dict, log: ChangeLog, resources: dict) -> None:
    pid = path.pk
    sync_rows(
        existing=Outcome.objects.filter(path=path),
        key_of=lambda r: r.text,
        wanted=[(text, {"path_id": pid, "text": text}) for text in data["outcomes"]],
        kind="outcome",
        log=log,
    )
    sync_rows(
        existing=Trap.objects.filter(path=path),
        key_of=lambda r: r.title,
        wanted=[(t["title"], {"path_id": pid, **t}) for t in data["traps"]],
        kind="trap",
        log=log,
    )
    sync_rows(
        existing=GlossaryTerm.objects.filter(path=path),
        key_of=lambda r: r.term,
        wanted=[(g["term"], {"path_id": pid, **g}) for g in data["glossary"]],
        kind="glossary term",
        log=log,
    )
    sync_rows(
        existing=PathResource.objects.filter(path=path).select_related("resource"),
        key_of=lambda r: r.resource.slug,
        wanted=[
            (
                r["ref"],
                {
                    "path_id": pid,
                    "resource_id": resources[r["ref"]].pk,
                    "why": r["why"],
                    "where": r["where"],
                    "unit_numbers": r["weeks"],
                },
            )
            for r in data["resources"]
        ],
        kind="path resource",
        log=log,
    )


def _sync_skills(path: Path, specs: list[dict], log: ChangeLog) -> None:
    existed = set(Skill.objects.filter(path=path).values_list("slug", flat=True))
    rows = sync_rows(
        existing=Skill.objects.filter(path=path),
        key_of=lambda r: r.slug,
        wanted=[
            (
                s["slug"],
                {
                    "path_id": path.pk,
                    "slug": s["slug"],
                    "title": s["title"],
                    "summary": s["summary"],
                },
            )
            for s in specs
        ],
        kind="skill",
        log=log,
    )
    for spec in specs:
        skill = rows[spec["slug"]]
        if set(skill.requires.values_list("slug", flat=True)) != set(spec["requires"]):
            skill.requires.set([rows[slug] for slug in spec["requires"]])
            if skill.slug in existed:
                log.note("updated", "skill", skill.slug, "requires")


def _sync_phases_and_units(
    path: Path, phases: list[dict], log: ChangeLog, resources: dict, exercises: dict
) -> None:
    phase_rows = sync_rows(
        existing=Phase.objects.filter(path=path),
        key_of=lambda r: r.number,
        wanted=[
            (p["number"], {"path_id": path.pk, **{k: v for k, v in p.items() if k != "units"}})
            for p in phases
        ],
        kind="phase",
        log=log,
    )
    unit_specs = [(phase, unit) for phase in phases for unit in phase["units"]]
    unit_rows = sync_rows(
        existing=Unit.objects.filter(path=path),
        key_of=lambda r: r.number,
        wanted=[
            (
                u["number"],
                {
                    "path_id": path.pk,
                    "phase_id": phase_rows[p["number"]].pk,
                    **{k: u[k] for k in schema.UNIT_FIELDS},
                },
            )
            for p, u in unit_specs
        ],
        kind="unit",
        log=log,
    )
    for _, spec in unit_specs:
        unit = unit_rows[spec["number"]]
        _sync_topics(unit, spec["topics"], log)
        _sync_readings(unit, spec["readings"], log, resources)
        _sync_unit_exercises(unit, spec["exercises"], log, exercises)


def _sync_readings(unit: Unit, specs: list[dict], log: ChangeLog, resources: dict) -> None:
    sync_rows(
        existing=UnitReading.objects.filter(unit=unit).select_related("resource"),
        key_of=lambda r: r.resource.slug,
        wanted=[
            (
                r["ref"],
                {"unit_id": unit.pk, "resource_id": resources[r["ref"]].pk, "note": r["note"]},
            )
            for r in specs
        ],
        kind="reading",
        log=log,
    )


def _sync_unit_exercises(unit: Unit, specs: list[dict], log: ChangeLog, exercises: dict) -> None:
    """A unit's exercise items, each linked to its package's Exercise row when there is one."""
    sync_rows(
        existing=UnitExercise.objects.filter(unit=unit),
        key_of=lambda r: r.title,
        wanted=[
            (
                e["title"],
                {
                    "unit_id": unit.pk,
                    "title": e["title"],
                    "summary": e["summary"],
                    "kind": e["kind"],
                    "exercise_id": exercises[e["package"]].pk
                    if e["package"] in exercises
                    else None,
                    "rubric": e["rubric"],
                },
            )
            for e in specs
        ],
        kind="unit exercise",
        log=log,
    )


def _topic_key(number: str, title: str) -> str:
    return number or f"“{title}”"


def _sync_topics(unit: Unit, specs: list[dict], log: ChangeLog) -> None:
    """One sibling group at a time (a child needs its parent's id), then archive leftovers."""
    kept: set[int] = set()
    position = 0

    def sync_level(parent: Topic | None, children: list[dict], depth: int) -> None:
        nonlocal position
        wanted = []
        for spec in children:
            wanted.append(
                (
                    _topic_key(spec["number"], spec["title"]),
                    {
                        "unit_id": unit.pk,
                        "parent_id": parent.pk if parent else None,
                        "number": spec["number"],
                        "title": spec["title"],
                        "summary": spec["summary"],
                        "depth": depth,
                        "position": position,
                    },
                )
            )
            position += 1 + _count(spec["children"])
        rows = sync_rows(
            existing=Topic.objects.filter(unit=unit, parent=parent),
            key_of=lambda r: _topic_key(r.number, r.title),
            wanted=wanted,
            kind="topic",
            log=log,
            ordered=False,
        )
        kept.update(row.pk for row in rows.values())
        for spec in children:
            sync_level(rows[_topic_key(spec["number"], spec["title"])], spec["children"], depth + 1)

    sync_level(None, specs, 0)
    for orphan in Topic.objects.filter(unit=unit, is_archived=False).exclude(pk__in=kept):
        orphan.is_archived = True
        orphan.save(update_fields=["is_archived"])
        log.note("archived", "topic", _topic_key(orphan.number, orphan.title))


def _count(topics: list[dict]) -> int:
    return sum(1 + _count(t["children"]) for t in topics)


def sync_cross_references(path: Path, data: dict, log: ChangeLog) -> None:
    targets = {
        p.slug: p
        for p in Path.objects.filter(slug__in=[x["path"] for x in data["cross_references"]])
    }
    sync_rows(
        existing=CrossReference.objects.filter(path=path).select_related("target"),
        key_of=lambda r: r.target.slug,
        wanted=[
            (x["path"], {"path_id": path.pk, "target_id": targets[x["path"]].pk, "note": x["note"]})
            for x in data["cross_references"]
        ],
        kind="cross-reference",
        log=log,
    )
