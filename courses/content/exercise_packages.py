"""Exercise packages: content/exercises/<slug>/ read, validated and synced to Exercise rows.

A package is a folder:
    exercise.yaml   metadata, limits and the checks with their weights (docs/exercises.md)
    statement.md    what the learner reads
    starter/        the files the editor starts with (runs, does not pass)
    reference/      the reference solution (full marks; never enters a learner's container)
    wrong/          plausible wrong solutions, each named in exercise.yaml with the check it fails
    grader.py       optional: case generators (trusted code, runs in the worker only)
    data/           optional: files shipped into the container beside the learner's code

The package hash covers every file, so expected values are recomputed when anything changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

REQUIRED = {"slug", "title", "checks"}
KNOWN = REQUIRED | {
    "difficulty", "goals", "environment", "limits", "points", "entrypoint", "grader_version",
    "wrong", "seeds", "pass_score", "kind",
}
CHECK_KINDS = {"probe", "static", "resource", "metric", "http"}
DIFFICULTIES = {"beginner", "intermediate", "advanced"}


@dataclass
class Package:
    slug: str
    root: Path
    spec: dict
    statement: str
    starter: dict[str, str]
    reference: dict[str, str]
    data: dict[str, bytes] = field(default_factory=dict)
    hash: str = ""

    @property
    def entrypoint(self) -> str:
        return self.spec.get("entrypoint", "solution.py")

    @property
    def device(self) -> str:
        return self.spec.get("environment", {}).get("device", "cpu")

    @property
    def checks(self) -> list[dict]:
        return self.spec["checks"]

    @property
    def grader_path(self) -> Path | None:
        path = self.root / "grader.py"
        return path if path.exists() else None

    def wrong_solutions(self) -> list[tuple[str, dict[str, str], list[str]]]:
        """(name, files, check ids it must fail) for each listed wrong solution."""
        out = []
        for item in self.spec.get("wrong", []):
            path = self.root / item["file"]
            out.append((path.stem, {self.entrypoint: path.read_text()}, list(item.get("fails", []))))
        return out


def _read_tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def package_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for rel, data in _read_tree(root).items():
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def load_package(root: Path) -> tuple[Package | None, list[Problem]]:
    spec_file = root / "exercise.yaml"
    problems: list[Problem] = []
    if not spec_file.exists():
        return None, [Problem(spec_file, "missing exercise.yaml")]
    try:
        spec = yaml.safe_load(spec_file.read_text()) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(spec_file, f"invalid YAML: {exc}", line=mark.line + 1 if mark else None)]
    if not isinstance(spec, dict):
        return None, [Problem(spec_file, "the top level must be a mapping")]
    problems += _validate_spec(spec_file, root, spec)
    statement_file = root / "statement.md"
    if not statement_file.exists():
        problems.append(Problem(statement_file, "missing statement.md"))
    if problems:
        return None, problems
    package = Package(
        slug=spec["slug"],
        root=root,
        spec=spec,
        statement=statement_file.read_text(),
        starter={k: v.decode() for k, v in _read_tree(root / "starter").items()},
        reference={k: v.decode() for k, v in _read_tree(root / "reference").items()},
        data={f"data/{k}": v for k, v in _read_tree(root / "data").items()},
        hash=package_hash(root),
    )
    for name, files in (("starter", package.starter), ("reference", package.reference)):
        if package.entrypoint not in files:
            problems.append(Problem(root / name, f"{name}/ must contain {package.entrypoint}", field="entrypoint"))
    return (None if problems else package), problems


def _validate_spec(file: Path, root: Path, spec: dict) -> list[Problem]:
    problems = [Problem(file, f"missing required field '{k}'", field=k) for k in sorted(REQUIRED - spec.keys())]
    problems += [Problem(file, f"unknown field '{k}'", field=k) for k in sorted(spec.keys() - KNOWN)]
    if spec.get("slug") and spec["slug"] != root.name:
        problems.append(Problem(file, f"slug '{spec['slug']}' must equal the folder name '{root.name}'", field="slug"))
    if spec.get("difficulty", "beginner") not in DIFFICULTIES:
        problems.append(Problem(file, f"difficulty must be one of {sorted(DIFFICULTIES)}", field="difficulty"))
    device = spec.get("environment", {}).get("device", "cpu")
    if device not in {"cpu", "gpu"}:
        problems.append(Problem(file, "environment.device must be cpu or gpu", field="environment.device"))
    seen: set[str] = set()
    for index, check in enumerate(spec.get("checks") or []):
        where = f"checks[{index}]"
        if not isinstance(check, dict) or "id" not in check:
            problems.append(Problem(file, "each check needs an id", field=where))
            continue
        if check["id"] in seen:
            problems.append(Problem(file, f"duplicate check id '{check['id']}'", field=where))
        seen.add(check["id"])
        if check.get("kind") not in CHECK_KINDS:
            problems.append(Problem(file, f"kind must be one of {sorted(CHECK_KINDS)}", field=f"{where}.kind"))
    for index, item in enumerate(spec.get("wrong") or []):
        where = f"wrong[{index}]"
        if not (root / item.get("file", "")).is_file():
            problems.append(Problem(file, f"wrong solution file '{item.get('file')}' does not exist", field=where))
        for check_id in item.get("fails", []):
            if check_id not in seen:
                problems.append(Problem(file, f"fails names unknown check '{check_id}'", field=where))
    return problems


def load_packages(exercises_dir: Path) -> tuple[list[Package], list[Problem]]:
    packages, problems = [], []
    if not exercises_dir.is_dir():
        return packages, problems
    for root in sorted(p for p in exercises_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        package, found = load_package(root)
        problems += found
        if package:
            packages.append(package)
    return packages, problems


def find_package(exercises_dir: Path, slug: str) -> Package:
    package, problems = load_package(exercises_dir / slug)
    if package is None:
        raise LookupError("; ".join(str(p) for p in problems) or f"no package {slug}")
    return package


def sync_exercises(packages: list[Package]) -> list[str]:
    """Create or update one Exercise per package; archive rows whose package is gone."""
    from ..models import Exercise

    changes = []
    slugs = set()
    for package in packages:
        slugs.add(package.slug)
        values = {
            "title": package.spec["title"],
            "difficulty": package.spec.get("difficulty", "beginner"),
            "goals": package.spec.get("goals", []),
            "statement": package.statement,
            "entrypoint": package.entrypoint,
            "starter_files": package.starter,
            "device": package.device,
            "points": package.spec.get("points", 10),
            "spec": package.spec,
            "package_hash": package.hash,
            "is_archived": False,
        }
        exercise = Exercise.objects.filter(slug=package.slug).first()
        if exercise is None:
            Exercise.objects.create(slug=package.slug, **values)
            changes.append(f"exercise {package.slug}: created")
        elif exercise.package_hash != package.hash or exercise.is_archived:
            for key, value in values.items():
                setattr(exercise, key, value)
            exercise.save()
            changes.append(f"exercise {package.slug}: updated")
    for exercise in Exercise.objects.filter(is_archived=False).exclude(slug__in=slugs):
        exercise.is_archived = True
        exercise.save(update_fields=["is_archived"])
        changes.append(f"exercise {exercise.slug}: archived (package removed)")
    return changes
