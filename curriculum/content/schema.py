"""The shape of content files as data, and one checker that walks it.

Declaring the fields once gives every error the same wording (unknown field with a
did-you-mean, missing field, wrong type, value not among the choices) and keeps the
file format documented in one place beside docs/authoring.md.
"""

import datetime
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from curriculum.content.problems import Problem
from curriculum.content.yaml_lines import LineDict, LineList

TEXT, INT, BOOL, DATE, LIST, MAP, HOURS, TOPIC_NUMBER = (
    "text",
    "integer",
    "true/false",
    "date",
    "list",
    "mapping",
    "hours",
    "topic number",
)


@dataclass(frozen=True)
class Field:
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    items: "Field | None" = None
    record: dict = field(default_factory=dict)
    max_length: int | None = None
    default: object = None


def record(required: bool = False, **fields: Field) -> Field:
    return Field(MAP, required=required, record=fields)


def text(
    required: bool = False,
    choices: tuple[str, ...] = (),
    max_length: int | None = None,
    default: str = "",
) -> Field:
    return Field(TEXT, required=required, choices=choices, max_length=max_length, default=default)


def list_of(item: Field, required: bool = False) -> Field:
    return Field(LIST, required=required, items=item)


RESOURCE_KINDS = ("book", "course", "video", "article", "docs", "dataset", "competition", "tool")
LEVELS = ("beginner", "intermediate", "advanced", "expert")
UNIT_LABELS = ("Week", "Step", "Section", "Module")

RESOURCE = record(
    slug=text(True, max_length=50),
    kind=text(True, RESOURCE_KINDS),
    title=text(True, max_length=200),
    authors=text(max_length=200),
    url=text(max_length=200),
    summary=text(),
)
RESOURCES_FILE = record(True, resources=list_of(RESOURCE, True))

# Topics nest to any depth: the record refers to itself through `children`.
TOPIC = record(number=Field(TOPIC_NUMBER), title=text(True, max_length=300), summary=text())
TOPIC.record["children"] = list_of(TOPIC)

# What a mentor scores a project on (docs/authoring.md, "Projects and rubrics").
RUBRIC_CRITERION = record(
    criterion=text(True, max_length=60),
    points=Field(INT, True),
    description=text(),
)

UNIT = record(
    number=Field(INT, True),
    title=text(True, max_length=200),
    goal=text(),
    why_now=text(),
    duration=text(max_length=80),
    estimated_hours=Field(INT),
    milestone=text(),
    summary=text(),
    topics=list_of(TOPIC),
    readings=list_of(record(ref=text(True), note=text())),
    exercises=list_of(
        record(
            title=text(True, max_length=300),
            summary=text(),
            kind=text(False, ("exercise", "project"), default="exercise"),
            package=text(),
            rubric=list_of(RUBRIC_CRITERION),
        )
    ),
)
# A unit's own columns, in file order: what import writes onto the Unit row and export
# reads back (the lists are synced as rows of their own).
UNIT_FIELDS = tuple(name for name, spec in UNIT.record.items() if spec.kind != LIST)

PHASE = record(
    number=Field(INT, True),
    title=text(True, max_length=200),
    summary=text(),
    period=text(max_length=80),
    goal=text(),
    units=list_of(UNIT, True),
)
PATH_FILE = record(
    True,
    slug=text(True, max_length=50),
    title=text(True, max_length=200),
    tagline=text(max_length=300),
    level=text(True, LEVELS),
    duration=text(True, max_length=80),
    duration_weeks=Field(INT),  # only where the source states a length
    weekly_hours=Field(HOURS),
    total_hours=Field(INT),
    audience=list_of(text()),
    prerequisites=list_of(text()),
    author=text(max_length=120),  # only where the source names one
    source=text(True, max_length=200),
    published_on=Field(DATE),
    version=Field(INT, True),
    is_published=Field(BOOL, True),
    unit_label=text(True, UNIT_LABELS),
    tags=list_of(text(max_length=50)),
    summary=text(True),
    rationale=text(),
    next_steps=text(),
    call_to_action=record(
        kind=text(True, ("mentorship", "link")),
        title=text(True, max_length=200),
        text=text(True),
    ),
    outcomes=list_of(text()),
    traps=list_of(record(title=text(True, max_length=200), why=text(True), correction=text(True))),
    skills=list_of(
        record(
            slug=text(True, max_length=50),
            title=text(True, max_length=200),
            summary=text(),
            requires=list_of(text()),
            proven_by=list_of(text()),
        )
    ),
    resources=list_of(
        record(ref=text(True), why=text(), where=text(max_length=200), weeks=list_of(Field(INT)))
    ),
    glossary=list_of(record(term=text(True, max_length=120), definition=text(True))),
    cross_references=list_of(record(path=text(True), note=text())),
    phases=list_of(PHASE, True),
)


def _type_name(value: object) -> str:
    return {
        bool: BOOL,
        int: INT,
        float: "decimal number",
        str: TEXT,
        LineDict: MAP,
        LineList: LIST,
        datetime.date: DATE,
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _fits(kind: str, value: object) -> bool:
    if kind == TEXT:
        return isinstance(value, str)
    if kind == INT:
        return _is_int(value) and value >= 0
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == DATE:
        return isinstance(value, datetime.date)
    if kind == LIST:
        return isinstance(value, list)
    if kind == MAP:
        return isinstance(value, dict)
    if kind == HOURS:
        if _is_int(value):
            return value >= 0
        return (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
            and value[0] <= value[1]
        )
    if kind == TOPIC_NUMBER:
        return isinstance(value, str) or _is_int(value)
    raise ValueError(kind)


_EXPECTED = {
    HOURS: "an integer or [min, max] with min <= max",
    TOPIC_NUMBER: "text such as '1.2' (quote numbers with a dot: 1.10 would read as 1.1)",
    INT: "a non-negative integer",
}


def check(value: object, spec: Field, file: Path, where: str, line: int | None) -> list[Problem]:
    """Every problem of `value` against `spec`; `where` is the dotted field path for messages."""
    if not _fits(spec.kind, value):
        expected = _EXPECTED.get(spec.kind, spec.kind)
        return [
            Problem(
                file, f"expected {expected}, got {_type_name(value)} {value!r:.60}", line, where
            )
        ]
    if spec.choices and value not in spec.choices:
        close = difflib.get_close_matches(str(value), spec.choices, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return [
            Problem(
                file,
                f"{value!r} is not one of {', '.join(spec.choices)}{hint}",
                line,
                where,
            )
        ]
    if spec.max_length and isinstance(value, str) and len(value) > spec.max_length:
        return [
            Problem(
                file, f"too long: {len(value)} characters, at most {spec.max_length}", line, where
            )
        ]
    if spec.kind == LIST and spec.items:
        assert isinstance(value, list)  # _fits checked it
        problems = []
        for i, item in enumerate(value):
            item_line = value.line_of(i) if isinstance(value, LineList) else line
            problems += check(item, spec.items, file, f"{where}[{i}]", item_line)
        return problems
    if spec.kind == MAP:
        assert isinstance(value, dict)  # _fits checked it
        return _check_record(value, spec, file, where, line)
    return []


def _check_record(
    value: dict, spec: Field, file: Path, where: str, line: int | None
) -> list[Problem]:
    problems = []
    line = getattr(value, "line", None) or line
    prefix = f"{where}." if where else ""
    for key, item in value.items():
        key_line = value.line_of(key) if isinstance(value, LineDict) else line
        if key not in spec.record:
            close = difflib.get_close_matches(str(key), spec.record, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                Problem(file, f"unknown field {key!r}{hint}", key_line, f"{prefix}{key}")
            )
            continue
        sub = spec.record[key]
        if item is None and not sub.required:
            continue  # `summary:` left empty means "not given"
        problems += check(item, sub, file, f"{prefix}{key}", key_line)
    for key, sub in spec.record.items():
        if sub.required and value.get(key) is None:
            problems.append(
                Problem(file, f"missing required field {key!r}", line, f"{prefix}{key}")
            )
    return problems


def normalize(value: object, spec: Field) -> object:
    """Plain dicts and lists with every optional field present (its default when absent).

    Import, export and the content hash all work on this form, so two files that say the
    same thing (one spelling defaults out, one leaving them implicit) import identically.
    """
    if spec.kind == MAP:
        if value is None:
            return None
        assert isinstance(value, dict)  # normalize() runs on checked data
        return {key: normalize(value.get(key), sub) for key, sub in spec.record.items()}
    if spec.kind == LIST:
        assert value is None or isinstance(value, list)
        return [normalize(item, spec.items) if spec.items else item for item in value or []]
    if spec.kind == TOPIC_NUMBER:
        return "" if value is None else str(value)
    if spec.kind == HOURS:
        if value is None:
            return None
        if isinstance(value, int):
            return [value, value]
        assert isinstance(value, list)
        return list(value)
    if spec.kind == TEXT and value is None:
        return spec.default
    return value


def normalize_file(value: object, spec: Field) -> dict:
    """normalize() of a whole checked file, whose top level is a mapping."""
    data = normalize(value, spec)
    assert isinstance(data, dict)
    return data
