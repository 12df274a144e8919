"""Read the whole content folder and find every problem before anything is written.

Checks per file come from `schema`; this module adds what needs more than one field:
duplicate keys (slugs, numbers, titles), skill prerequisite cycles, and references
between files (resources, skills, paths, exercise packages).
"""

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.content import schema
from curriculum.content.exercise_packages import Package, load_packages
from curriculum.content.problems import ContentInvalid, Problem
from curriculum.content.yaml_lines import LineDict, LineList, load_yaml
from curriculum.models import find_skill_cycle

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


@dataclass
class PathSpec:
    file: Path
    data: dict  # schema.normalize()d: plain dicts, every optional field present


@dataclass
class ContentSet:
    """A valid content folder, ready to import."""

    root: Path
    resources: list[dict]
    paths: list[PathSpec]
    packages: list[Package] | None = None  # None: the folder has no exercises/
    problems: list[Problem] = field(default_factory=list)


def _records(value: object) -> Iterator[tuple[int, dict]]:
    """The well-formed mapping items of a list; malformed ones were reported by `schema`."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _line(item: object, key: str | None = None) -> int | None:
    if isinstance(item, LineDict):
        return item.line_of(key) if key else item.line
    return getattr(item, "line", None)


class _Checker:
    """Collects problems for one file; `where` strings read like `phases[0].units[2]`."""

    def __init__(self, file: Path):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, message: str, line: int | None, where: str) -> None:
        self.problems.append(Problem(self.file, message, line, where))

    def unique(self, items: Sequence[tuple[object, int | None, str]], what: str) -> None:
        """items: (key, line, where); report each repeat with the line of the first."""
        seen: dict[object, int | None] = {}
        for key, line, where in items:
            if key is None or key == "":
                continue
            if key in seen:
                self.add(f"duplicate {what} {key!r} (first at line {seen[key]})", line, where)
            else:
                seen[key] = line

    def slug(self, value: object, line: int | None, where: str) -> None:
        if isinstance(value, str) and not SLUG.match(value):
            self.add(f"{value!r} is not a slug (letters, digits, - and _ only)", line, where)


def _check_resources_file(file: Path, data: object) -> list[Problem]:
    checker = _Checker(file)
    entries = list(_records(data.get("resources"))) if isinstance(data, dict) else []
    for i, res in entries:
        checker.slug(res.get("slug"), _line(res, "slug"), f"resources[{i}].slug")
        url = res.get("url")
        if isinstance(url, str) and url and not re.match(r"^https?://\S+$", url):
            checker.add(f"{url!r} is not an http(s) URL", _line(res, "url"), f"resources[{i}].url")
    checker.unique(
        [(r.get("slug"), _line(r, "slug"), f"resources[{i}].slug") for i, r in entries],
        "resource slug",
    )
    return checker.problems


def _check_topics(checker: _Checker, topics: object, where: str) -> None:
    siblings = []
    for i, topic in _records(topics):
        number = topic.get("number")
        key = f"number {number}" if number not in (None, "") else f"title {topic.get('title')}"
        siblings.append((key, _line(topic), f"{where}[{i}]"))
        _check_topics(checker, topic.get("children"), f"{where}[{i}].children")
    checker.unique(siblings, "topic with")


def _check_path_file(
    file: Path, data: object, resource_slugs: set[str], path_slugs: set[str], exercises_dir: Path
) -> list[Problem]:
    checker = _Checker(file)
    if not isinstance(data, dict):
        return []
    _check_slug_and_tags(checker, data)
    _check_skills(checker, list(_records(data.get("skills"))))
    path_resources = list(_records(data.get("resources")))
    _check_path_resources(checker, path_resources, resource_slugs)
    _check_unique_items(checker, data)
    _check_cross_references(checker, data, path_slugs)
    known_units = _check_phases(checker, data, resource_slugs, exercises_dir)
    _check_skill_evidence(checker, data)
    _check_resource_weeks(checker, path_resources, known_units)
    return checker.problems


def _check_slug_and_tags(checker: _Checker, data: dict) -> None:
    """The path's slug names its folder; it and the tags are slugs."""
    slug = data.get("slug")
    folder = checker.file.parent.name
    checker.slug(slug, _line(data, "slug"), "slug")
    if isinstance(slug, str) and slug != folder:
        checker.add(
            f"slug {slug!r} must equal the folder name {folder!r}",
            _line(data, "slug"),
            "slug",
        )
    tags = data.get("tags")
    for i, tag in enumerate(tags if isinstance(tags, list) else []):  # else the schema says so
        checker.slug(tag, _line(tags), f"tags[{i}]")


def _check_skills(checker: _Checker, skills: list[tuple[int, dict]]) -> None:
    """Unique slugs, prerequisites among the path's skills, and no prerequisite cycle."""
    skill_slugs = {s.get("slug") for _, s in skills}
    checker.unique(
        [(s.get("slug"), _line(s, "slug"), f"skills[{i}].slug") for i, s in skills], "skill slug"
    )
    edges: dict[str, list[str]] = {}
    for i, skill in skills:
        checker.slug(skill.get("slug"), _line(skill, "slug"), f"skills[{i}].slug")
        requires = [r for r in skill.get("requires") or [] if isinstance(r, str)]
        for req in requires:
            if req not in skill_slugs:
                checker.add(
                    f"requires unknown skill {req!r}",
                    _line(skill, "requires"),
                    f"skills[{i}].requires",
                )
        if isinstance(skill.get("slug"), str):
            edges[skill["slug"]] = [r for r in requires if r in skill_slugs]
    if cycle := find_skill_cycle(edges):
        first = next((s for _, s in skills if s.get("slug") == cycle[0]), None)
        checker.add(
            f"skill prerequisites form a cycle: {' → '.join(cycle)}",
            _line(first, "requires"),
            "skills",
        )


def _check_path_resources(
    checker: _Checker, path_resources: list[tuple[int, dict]], resource_slugs: set[str]
) -> None:
    """Each of the path's resources is in the library, and listed once."""
    for i, res in path_resources:
        if isinstance(res.get("ref"), str) and res["ref"] not in resource_slugs:
            checker.add(
                _unknown_resource(res["ref"], resource_slugs),
                _line(res, "ref"),
                f"resources[{i}].ref",
            )
    checker.unique(
        [(r.get("ref"), _line(r, "ref"), f"resources[{i}].ref") for i, r in path_resources],
        "resource",
    )


def _check_unique_items(checker: _Checker, data: dict) -> None:
    """No trap title, glossary term or outcome twice."""
    for name, key in (("traps", "title"), ("glossary", "term")):
        checker.unique(
            [
                (t.get(key), _line(t, key), f"{name}[{i}].{key}")
                for i, t in _records(data.get(name))
            ],
            key,
        )
    outcomes = data.get("outcomes") or []
    if isinstance(outcomes, LineList):
        checker.unique(
            [
                (o, outcomes.line_of(i), f"outcomes[{i}]")
                for i, o in enumerate(outcomes)
                if isinstance(o, str)
            ],
            "outcome",
        )


def _check_cross_references(checker: _Checker, data: dict, path_slugs: set[str]) -> None:
    """Each cross-reference names another existing path, once."""
    xrefs = list(_records(data.get("cross_references")))
    for i, xref in xrefs:
        target = xref.get("path")
        if isinstance(target, str) and target not in path_slugs:
            checker.add(
                f"cross-reference to unknown path {target!r}",
                _line(xref, "path"),
                f"cross_references[{i}].path",
            )
        elif target == data.get("slug"):
            checker.add(
                "a path cannot cross-reference itself",
                _line(xref, "path"),
                f"cross_references[{i}].path",
            )
    checker.unique(
        [(x.get("path"), _line(x, "path"), f"cross_references[{i}].path") for i, x in xrefs],
        "cross-reference to",
    )


def _check_phases(
    checker: _Checker, data: dict, resource_slugs: set[str], exercises_dir: Path
) -> set[object]:
    """Unique phase and unit numbers, and every unit's contents; returns the unit numbers."""
    phases = list(_records(data.get("phases")))
    checker.unique(
        [(p.get("number"), _line(p, "number"), f"phases[{i}].number") for i, p in phases],
        "phase number",
    )
    unit_numbers = []
    for p, phase in phases:
        for u, unit in _records(phase.get("units")):
            where = f"phases[{p}].units[{u}]"
            unit_numbers.append((unit.get("number"), _line(unit, "number"), f"{where}.number"))
            _check_unit(checker, unit, where, resource_slugs, exercises_dir)
    checker.unique(unit_numbers, f"{data.get('unit_label') or 'unit'} number")
    return {n for n, _, _ in unit_numbers}


def _check_unit(
    checker: _Checker, unit: dict, where: str, resource_slugs: set[str], exercises_dir: Path
) -> None:
    """A unit's topics, readings (known, listed once) and exercises (package found, titled once)."""
    _check_topics(checker, unit.get("topics"), f"{where}.topics")
    readings = list(_records(unit.get("readings")))
    for r, reading in readings:
        if isinstance(reading.get("ref"), str) and reading["ref"] not in resource_slugs:
            checker.add(
                _unknown_resource(reading["ref"], resource_slugs),
                _line(reading, "ref"),
                f"{where}.readings[{r}].ref",
            )
    checker.unique(
        [(x.get("ref"), _line(x, "ref"), f"{where}.readings[{r}].ref") for r, x in readings],
        "reading",
    )
    exercises = list(_records(unit.get("exercises")))
    for e, exercise in exercises:
        package = exercise.get("package")
        if isinstance(package, str) and package and not (exercises_dir / package).is_dir():
            checker.add(
                f"exercise package {package!r} not found (no folder {exercises_dir / package})",
                _line(exercise, "package"),
                f"{where}.exercises[{e}].package",
            )
    checker.unique(
        [
            (x.get("title"), _line(x, "title"), f"{where}.exercises[{e}].title")
            for e, x in exercises
        ],
        "exercise title",
    )
    for e, exercise in exercises:
        _check_rubric(checker, exercise, f"{where}.exercises[{e}]")


def _check_rubric(checker: _Checker, exercise: dict, where: str) -> None:
    """A rubric belongs to a project; its criteria are named once and worth at least a point."""
    criteria = list(_records(exercise.get("rubric")))
    if criteria and exercise.get("kind") != "project":
        checker.add(
            "a rubric is scored by a mentor, so only a project (kind: project) has one",
            _line(exercise, "rubric"),
            f"{where}.rubric",
        )
    for c, row in criteria:
        if isinstance(row.get("points"), int) and row["points"] < 1:
            checker.add(
                "a criterion is worth at least 1 point",
                _line(row, "points"),
                f"{where}.rubric[{c}].points",
            )
    checker.unique(
        [
            (r.get("criterion"), _line(r, "criterion"), f"{where}.rubric[{c}].criterion")
            for c, r in criteria
        ],
        "rubric criterion",
    )


def _check_skill_evidence(checker: _Checker, data: dict) -> None:
    """`proven_by` names exercise or project titles of this path, each naming one item."""
    titles: dict[str, int] = {}
    for _, phase in _records(data.get("phases")):
        for _, unit in _records(phase.get("units")):
            for _, exercise in _records(unit.get("exercises")):
                if isinstance(exercise.get("title"), str):
                    titles[exercise["title"]] = titles.get(exercise["title"], 0) + 1
    for i, skill in _records(data.get("skills")):
        for title in skill.get("proven_by") or []:
            if not isinstance(title, str):
                continue
            if title not in titles:
                close = difflib.get_close_matches(title, titles, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                checker.add(
                    f"proven_by names no exercise or project of this path: {title!r}{hint}",
                    _line(skill, "proven_by"),
                    f"skills[{i}].proven_by",
                )
            elif titles[title] > 1:
                checker.add(
                    f"proven_by {title!r} is ambiguous: {titles[title]} units list an item "
                    "with that title",
                    _line(skill, "proven_by"),
                    f"skills[{i}].proven_by",
                )


def _check_resource_weeks(
    checker: _Checker, path_resources: list[tuple[int, dict]], known_units: set[object]
) -> None:
    """A path resource's `weeks` name units of this path."""
    for i, res in path_resources:
        for week in res.get("weeks") or []:
            if isinstance(week, int) and week not in known_units:
                checker.add(
                    f"no unit numbered {week} in this path",
                    _line(res, "weeks"),
                    f"resources[{i}].weeks",
                )


def _unknown_resource(ref: str, known: set[str]) -> str:
    close = difflib.get_close_matches(ref, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown resource {ref!r} (not in resources.yaml){hint}"


def load_content(root: Path) -> ContentSet:
    """Parse and check every file under `root`; raise ContentInvalid listing all problems."""
    root = Path(root)
    problems: list[Problem] = []
    resources_file = root / "resources.yaml"
    resources_data, found = load_yaml(resources_file) if resources_file.exists() else (None, [])
    if not resources_file.exists():
        found = [Problem(resources_file, "missing file: the shared resource library")]
    problems += found
    if resources_data is not None:
        problems += schema.check(resources_data, schema.RESOURCES_FILE, resources_file, "", 1)
        problems += _check_resources_file(resources_file, resources_data)
    resource_slugs = {
        slug
        for _, r in _records(getattr(resources_data, "get", lambda k: None)("resources"))
        if isinstance(slug := r.get("slug"), str)  # a bad slug was reported by schema.check
    }

    path_files = sorted((root / "paths").glob("*/path.yaml"))
    for folder in sorted(p for p in (root / "paths").glob("*") if p.is_dir()):
        if not (folder / "path.yaml").exists():
            problems.append(
                Problem(folder / "path.yaml", "missing file: every path folder needs a path.yaml")
            )
    loaded = []
    for file in path_files:
        data, found = load_yaml(file)
        problems += found
        if data is not None:
            loaded.append((file, data))
    path_slugs = {file.parent.name for file, _ in loaded}
    exercises_dir = root / "exercises"
    for file, data in loaded:
        problems += schema.check(data, schema.PATH_FILE, file, "", 1)
        problems += _check_path_file(file, data, resource_slugs, path_slugs, exercises_dir)

    packages = None
    if exercises_dir.is_dir():
        packages, found = load_packages(exercises_dir)
        problems += found
    if problems:
        raise ContentInvalid(problems)
    return ContentSet(
        root=root,
        resources=schema.normalize_file(resources_data, schema.RESOURCES_FILE)["resources"],
        paths=[
            PathSpec(file, schema.normalize_file(data, schema.PATH_FILE)) for file, data in loaded
        ],
        packages=packages,
    )
