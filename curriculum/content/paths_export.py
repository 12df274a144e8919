"""Write the database's live curricula back to the file format that import_content reads.

The output follows the schema's field order and leaves out empty optional fields, so an
exported file reads like a hand-written one, and importing it changes nothing.
"""

from pathlib import Path as FilePath

import yaml

from curriculum.content import schema
from curriculum.content.paths_import import PATH_FIELDS
from curriculum.models import Path, Resource, Topic


class _ContentDumper(yaml.SafeDumper):
    """Block style, long text as `|` blocks, keys in schema order."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ContentDumper.add_representer(str, _represent_str)


def dump_yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_ContentDumper, sort_keys=False, allow_unicode=True, width=4096)


def content_export(*, out_dir: FilePath) -> list[FilePath]:
    """Write resources.yaml and one paths/<slug>/path.yaml per live path; return the files."""
    out_dir = FilePath(out_dir)
    (out_dir / "paths").mkdir(parents=True, exist_ok=True)
    written = [out_dir / "resources.yaml"]
    written[0].write_text(
        dump_yaml(
            {
                "resources": [
                    _prune(resource_data(r), schema.RESOURCE)
                    for r in Resource.objects.live().order_by("slug")
                ]
            }
        ),
        encoding="utf-8",
    )
    for path in Path.objects.live().order_by("slug"):
        file = out_dir / "paths" / path.slug / "path.yaml"
        file.parent.mkdir(exist_ok=True)
        file.write_text(dump_yaml(_prune(path_data(path), schema.PATH_FILE)), encoding="utf-8")
        written.append(file)
    return written


def resource_data(resource: Resource) -> dict:
    return {name: getattr(resource, name) for name in schema.RESOURCE.record}


def path_data(path: Path) -> dict:
    """The path in schema.normalize() form: every field present, live items only, in order."""
    hours = None
    if path.weekly_hours_min is not None:
        hours = [path.weekly_hours_min, path.weekly_hours_max]
    cta = getattr(path, "call_to_action", None)
    data = {name: getattr(path, name) for name in ("slug", *PATH_FIELDS)}
    data |= {
        "weekly_hours": hours,
        "tags": sorted(path.tags.values_list("slug", flat=True)),
        "call_to_action": {"kind": cta.kind, "title": cta.title, "text": cta.text} if cta else None,
        "outcomes": [o.text for o in path.outcomes.live()],
        "traps": [
            {"title": t.title, "why": t.why, "correction": t.correction} for t in path.traps.live()
        ],
        "skills": [
            {
                "slug": s.slug,
                "title": s.title,
                "summary": s.summary,
                "requires": [r.slug for r in s.requires.live().order_by("position")],
                "proven_by": [
                    e.title
                    for e in s.proven_by.live()
                    .filter(unit__is_archived=False)
                    .order_by("unit__number", "position")
                ],
            }
            for s in path.skills.live().prefetch_related("requires")
        ],
        "resources": [
            {"ref": r.resource.slug, "why": r.why, "where": r.where, "weeks": list(r.unit_numbers)}
            for r in path.path_resources.live().select_related("resource")
        ],
        "glossary": [{"term": g.term, "definition": g.definition} for g in path.glossary.live()],
        "cross_references": [
            {"path": x.target.slug, "note": x.note}
            for x in path.cross_references.live().select_related("target")
        ],
        "phases": [_phase_data(phase) for phase in path.phases.live()],
    }
    return {name: data[name] for name in schema.PATH_FILE.record}


def _phase_data(phase) -> dict:
    units = phase.units.live().prefetch_related("readings__resource", "exercises__exercise")
    return {
        "number": phase.number,
        "title": phase.title,
        "summary": phase.summary,
        "period": phase.period,
        "goal": phase.goal,
        "units": [_unit_data(unit) for unit in units],
    }


def _unit_data(unit) -> dict:
    topics = list(unit.topics.live())
    return {
        **{name: getattr(unit, name) for name in schema.UNIT_FIELDS},
        "topics": _topic_tree(topics, None),
        "readings": [
            {"ref": r.resource.slug, "note": r.note}
            for r in unit.readings.all()
            if not r.is_archived
        ],
        "exercises": [
            {
                "title": e.title,
                "summary": e.summary,
                "kind": e.kind,
                "package": e.exercise.slug if e.exercise else "",
                "rubric": [
                    {
                        "criterion": c["criterion"],
                        "points": c["points"],
                        "description": c.get("description", ""),
                    }
                    for c in e.rubric
                ],
            }
            for e in unit.exercises.all()
            if not e.is_archived
        ],
    }


def _topic_tree(topics: list[Topic], parent_id: int | None) -> list[dict]:
    return [
        {
            "number": t.number,
            "title": t.title,
            "summary": t.summary,
            "children": _topic_tree(topics, t.pk),
        }
        for t in topics
        if t.parent_id == parent_id
    ]


def _prune(value: object, spec: schema.Field) -> object:
    """Drop optional fields that hold their default, recursively, for readable files."""
    if spec.kind == schema.MAP and isinstance(value, dict):
        pruned = {}
        for key, sub in spec.record.items():
            item = _prune(value.get(key), sub)
            if sub.required or item not in (None, "", [], sub.default):
                pruned[key] = item
        return pruned
    if spec.kind == schema.LIST and spec.items and isinstance(value, list):
        return [_prune(item, spec.items) for item in value]
    if spec.kind == schema.HOURS and isinstance(value, list) and value and value[0] == value[1]:
        return value[0]
    return value
