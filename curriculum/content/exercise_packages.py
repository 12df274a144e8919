"""Exercise packages: content/exercises/<slug>/ read, validated and synced to Exercise rows.

A package is a folder:
    exercise.yaml   metadata, limits and the checks with their weights (docs/exercises.md)
    statement.md    what the learner reads
    starter/        the files the editor starts with (runs, does not pass)
    reference/      the reference solution (full marks; never enters a learner's container)
    oracle/         optional: trusted code whose outputs are a check's expected values (`oracle:`)
    wrong/          plausible wrong solutions, each named in exercise.yaml with the check it fails
    grader.py       optional: case generators (trusted code, runs in the worker only)
    data/           optional: files shipped into the container beside the learner's code
    hidden/         optional: held-out labels and the like, read by the judge in the worker only
    generate.py     optional: the seeded script that wrote data/ and hidden/

The package hash covers every file, so expected values are recomputed when anything changes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.content.problems import Problem
from curriculum.content.yaml_lines import load_yaml

REQUIRED = {"slug", "title", "checks"}
KNOWN = REQUIRED | {
    "difficulty",
    "goals",
    "environment",
    "limits",
    "points",
    "entrypoint",
    "grader_version",
    "wrong",
    "seeds",
    "pass_score",
    "kind",
    "import_seconds",
    "cpu_smoke",  # GPU exercises: what changes when a machine without a GPU proves them
    "tags",  # optional lowercase slugs, searched by the catalog
}
TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHECK_KINDS = {"probe", "static", "resource", "metric", "http", "figure", "dockerfile"}
DIFFICULTIES = {"beginner", "intermediate", "advanced"}
# environment.image: `default` is the light CPU image (NumPy, SciPy, scikit-learn, pandas,
# torch), `dl` the deep-learning one (adds transformers, peft, onnx, gymnasium, mlflow, ...).
IMAGES = {"default", "dl", "gpu"}
COMPARE_MODES = {
    "allclose",
    "exact",
    "shape",
    "dtype",
    "raises",
    "partition",
    "property",
    "unordered_rows",
}
# The names worker/judge/metrics.py implements (curriculum never imports worker; a test keeps them equal).
METRIC_NAMES = {
    "accuracy",
    "f1_macro",
    "mcc",
    "rmse",
    "mae",
    "r2",
    "roc_auc",
    "adjusted_rand",
    "silhouette",
}
HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
COMMON_CHECK_FIELDS = {"id", "kind", "name", "weight", "hint", "hints", "timeout_seconds"}
# `hints`: hints chosen by what the rest of the result shows (worker/judge/hints.py), so a hint
# about a scaler never goes to code that has none; the first whose `when` holds wins, else `hint`.
HINT_CONDITIONS = {"failed", "passed", "source_has", "source_lacks"}
CHECK_FIELDS = {
    "probe": {
        "call",
        "cases",
        "args",
        "kwargs",
        "compare",
        "construct",
        "module",
        "expected",
        "oracle",
        "tensors",
    },
    "static": {"forbid_imports", "require_imports", "require_names", "forbid_calls"},
    "resource": {"max_seconds", "max_memory_mb", "speedup"},
    "metric": {
        "call",
        "args",
        "kwargs",
        "construct",
        "module",
        "metric",
        "labels",
        "features",
        "thresholds",
        "repeats",
    },
    "http": {"app", "requests"},
    # The learner's function saves a figure (kwargs `path`); `shows` names a grader.py function
    # that says what the figure fails to show (worker/judge/figures.py reads it).
    "figure": {"call", "cases", "args", "kwargs", "construct", "module", "shows"},
    # Static rules on a submitted Dockerfile's text (nothing is built).
    "dockerfile": {"file", "rules", "port"},
}
DOCKERFILE_RULES = {"pinned_base", "non_root_user", "exposes_port", "has_command"}
REQUEST_FIELDS = {
    "method",
    "path",
    "json",
    "body",
    "content_type",
    "expect_status",
    "expect_keys",
    "compare",
}


@dataclass
class Package:
    slug: str
    root: Path
    spec: dict
    statement: str
    starter: dict[str, str]
    reference: dict[str, str]
    data: dict[str, bytes] = field(default_factory=dict)
    oracle: dict[str, str] = field(default_factory=dict)
    hash: str = ""

    @property
    def entrypoint(self) -> str:
        return self.spec.get("entrypoint", "solution.py")

    @property
    def device(self) -> str:
        return self.spec.get("environment", {}).get("device", "cpu")

    @property
    def image(self) -> str:
        """The sandbox image kind its jobs run in (sandbox/images/build.py's recipes): `gpu`
        for a GPU job, `dl` (torch, transformers, ...) when `environment.image: dl`, else the
        light `cpu` one, so heavy libraries never slow a light exercise's start. A GPU
        exercise's CPU smoke runs in the light image."""
        if self.device == "gpu":
            return "gpu"
        return "dl" if (self.spec.get("environment") or {}).get("image") == "dl" else "cpu"

    @property
    def checks(self) -> list[dict]:
        return self.spec["checks"]

    @property
    def grader_path(self) -> Path | None:
        path = self.root / "grader.py"
        return path if path.exists() else None

    @property
    def is_cpu_smoke(self) -> bool:
        return bool(self.spec.get("_cpu_smoke"))

    def cpu_smoke(self) -> Package:
        """This GPU exercise as its CPU smoke configuration (`cpu_smoke:` in exercise.yaml):
        device cpu, its limits and each named check's fields replaced, so that a machine
        without a GPU (CI) still proves the reference, the starter and the wrong solutions.
        Its own hash keeps its expected values apart from the GPU configuration's."""
        smoke = self.spec.get("cpu_smoke") or {}
        changes = smoke.get("checks") or {}
        spec = {
            **self.spec,
            "environment": {**(self.spec.get("environment") or {}), "device": "cpu"},
            "limits": {**(self.spec.get("limits") or {}), **(smoke.get("limits") or {})},
            "checks": [{**check, **changes.get(check["id"], {})} for check in self.checks],
            "_cpu_smoke": True,
        }
        spec.pop("cpu_smoke", None)
        if "import_seconds" in smoke:
            spec["import_seconds"] = smoke["import_seconds"]
        digest = hashlib.sha256(f"{self.hash}\0cpu-smoke".encode()).hexdigest()
        return Package(
            slug=self.slug,
            root=self.root,
            spec=spec,
            statement=self.statement,
            starter=self.starter,
            reference=self.reference,
            data=self.data,
            oracle=self.oracle,
            hash=digest,
        )

    def wrong_solutions(self) -> list[tuple[str, dict[str, str], list[str]]]:
        """(name, files, check ids it must fail) for each listed wrong solution."""
        out = []
        for item in self.spec.get("wrong", []):
            path = self.root / item["file"]
            if path.is_dir():  # a wrong solution of several files (solution.py and a Dockerfile)
                files = {
                    f.relative_to(path).as_posix(): f.read_text()
                    for f in sorted(path.rglob("*"))
                    if f.is_file() and "__pycache__" not in f.parts
                }
                out.append((path.name, files, list(item.get("fails", []))))
                continue
            out.append(
                (path.stem, {self.entrypoint: path.read_text()}, list(item.get("fails", [])))
            )
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
    if not spec_file.exists():
        return None, [Problem(spec_file, "missing exercise.yaml")]
    spec, problems = load_yaml(spec_file)
    if spec is None and problems:
        return None, problems
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
        oracle={k: v.decode() for k, v in _read_tree(root / "oracle").items()},
        hash=package_hash(root),
    )
    for name, files in (("starter", package.starter), ("reference", package.reference)):
        if package.entrypoint not in files:
            problems.append(
                Problem(
                    root / name, f"{name}/ must contain {package.entrypoint}", field="entrypoint"
                )
            )
    return (None if problems else package), problems


def _line(node, key=None) -> int | None:
    if key is not None and hasattr(node, "line_of"):
        return node.line_of(key)
    return getattr(node, "line", None)


def _validate_spec(file: Path, root: Path, spec: dict) -> list[Problem]:
    problems = _top_level_problems(file, root, spec)
    check_problems, check_ids = _checks_problems(file, root, spec)
    problems += _smoke_problems(file, spec, check_ids)
    problems += _hint_reference_problems(file, spec, check_ids)
    return problems + check_problems + _wrong_problems(file, root, spec, check_ids)


def _hint_reference_problems(file: Path, spec: dict, check_ids: set[str]) -> list[Problem]:
    """A conditional hint's `failed` and `passed` must name checks of this package."""
    problems = []
    for check in spec.get("checks") or []:
        hints = check.get("hints") if isinstance(check, dict) else None
        for hint in hints if isinstance(hints, list) else []:
            when = hint.get("when") if isinstance(hint, dict) else None
            for key in ("failed", "passed"):
                names = when.get(key) if isinstance(when, dict) else None
                for name in names if isinstance(names, list) else []:
                    if name not in check_ids:
                        problems.append(
                            _spec_problem(
                                file,
                                f"a hint's when.{key} names unknown check '{name}'",
                                f"checks.{check.get('id')}.hints",
                                check,
                                "hints",
                            )
                        )
    return problems


SMOKE_FIELDS = {"limits", "checks", "import_seconds"}


def _smoke_problems(file: Path, spec: dict, check_ids: set[str]) -> list[Problem]:
    """`cpu_smoke:` belongs to GPU exercises: limits, and per check id fields its kind knows."""
    smoke = spec.get("cpu_smoke")
    if smoke is None:
        return []

    def problem(message, field, node=smoke, key=None):
        return _spec_problem(file, message, field, node, key)

    if not isinstance(smoke, dict):
        return [problem("cpu_smoke must be a mapping", "cpu_smoke", spec, "cpu_smoke")]
    problems = [
        problem(f"unknown field '{k}' in cpu_smoke", f"cpu_smoke.{k}", key=k)
        for k in sorted(smoke.keys() - SMOKE_FIELDS)
    ]
    if (spec.get("environment") or {}).get("device") != "gpu":
        problems.append(
            problem("cpu_smoke is for GPU exercises (environment.device: gpu)", "cpu_smoke")
        )
    if not isinstance(smoke.get("limits", {}), dict):
        problems.append(problem("cpu_smoke.limits must be a mapping", "cpu_smoke.limits"))
    checks = smoke.get("checks", {})
    if not isinstance(checks, dict):
        return problems + [problem("cpu_smoke.checks must map check ids to fields", "cpu_smoke")]
    kinds = {c["id"]: c.get("kind") for c in spec.get("checks") or [] if isinstance(c, dict)}
    for check_id, fields in checks.items():
        where = f"cpu_smoke.checks.{check_id}"
        if check_id not in check_ids:
            problems.append(problem(f"names unknown check '{check_id}'", where, checks, check_id))
        elif not isinstance(fields, dict) or {"id", "kind"} & fields.keys():
            problems.append(
                problem("must be a mapping of fields (not id or kind)", where, checks, check_id)
            )
        else:
            allowed = COMMON_CHECK_FIELDS | CHECK_FIELDS.get(str(kinds[check_id]), set())
            problems += [
                problem(
                    f"unknown field '{k}' for a {kinds[check_id]} check", f"{where}.{k}", fields, k
                )
                for k in sorted(fields.keys() - allowed)
            ]
    return problems


def _spec_problem(file: Path, message: str, field: str, node, key=None) -> Problem:
    return Problem(file, message, line=_line(node, key), field=field)


def _top_level_problems(file: Path, root: Path, spec: dict) -> list[Problem]:
    """Required and unknown fields, the slug, difficulty, import_seconds and the device."""

    def problem(message, field, node=spec, key=None):
        return _spec_problem(file, message, field, node, key)

    problems = [problem(f"missing required field '{k}'", k) for k in sorted(REQUIRED - spec.keys())]
    problems += [problem(f"unknown field '{k}'", k, key=k) for k in sorted(spec.keys() - KNOWN)]
    if spec.get("slug") and spec["slug"] != root.name:
        problems.append(
            problem(
                f"slug '{spec['slug']}' must equal the folder name '{root.name}'",
                "slug",
                key="slug",
            )
        )
    if spec.get("difficulty", "beginner") not in DIFFICULTIES:
        problems.append(
            problem(
                f"difficulty must be one of {sorted(DIFFICULTIES)}", "difficulty", key="difficulty"
            )
        )
    seconds = spec.get("import_seconds")
    wall = (spec.get("limits") or {}).get("wall_seconds", 30)
    if seconds is not None and (
        not isinstance(seconds, (int, float)) or not 0 < seconds < 0.8 * wall
    ):
        problems.append(
            problem(
                f"import_seconds must be a number of seconds below 80% of wall_seconds ({wall})",
                "import_seconds",
                key="import_seconds",
            )
        )
    tags = spec.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and TAG.match(t) for t in tags):
        problems.append(problem("tags must be a list of lowercase slugs", "tags", key="tags"))
    environment = spec.get("environment") or {}
    if environment.get("device", "cpu") not in {"cpu", "gpu"}:
        problems.append(
            problem(
                "environment.device must be cpu or gpu", "environment.device", environment, "device"
            )
        )
    device = environment.get("device", "cpu")
    image = environment.get("image", "gpu" if device == "gpu" else "default")  # the device's own
    if image not in IMAGES:
        problems.append(
            problem(
                f"environment.image must be one of {', '.join(sorted(IMAGES))}",
                "environment.image",
                environment,
                "image",
            )
        )
    elif (image == "gpu") != (environment.get("device", "cpu") == "gpu"):
        problems.append(
            problem(
                "environment.image gpu goes with environment.device gpu, and only with it"
                " (a CPU exercise takes `default` or `dl`)",
                "environment.image",
                environment,
                "image",
            )
        )
    return problems


def _checks_problems(file: Path, root: Path, spec: dict) -> tuple[list[Problem], set[str]]:
    """Problems of the checks list and of each check; also the check ids seen."""
    problems = []
    checks = spec.get("checks") or []
    if "checks" in spec and (not isinstance(checks, list) or not checks):
        problems.append(
            _spec_problem(file, "checks must be a non-empty list", "checks", spec, "checks")
        )
        checks = []
    seen: set[str] = set()
    for index, check in enumerate(checks):
        where = f"checks[{index}]"
        if not isinstance(check, dict) or "id" not in check:
            problems.append(_spec_problem(file, "each check needs an id", where, checks, index))
            continue
        if check["id"] in seen:
            problems.append(
                _spec_problem(file, f"duplicate check id '{check['id']}'", where, checks, index)
            )
        seen.add(check["id"])
        problems += [
            Problem(file, message, line=line, field=f"{where}.{name}" if name else where)
            for message, name, line in _check_problems(root, check)
        ]
    return problems, seen


def _wrong_problems(file: Path, root: Path, spec: dict, check_ids: set[str]) -> list[Problem]:
    """Each wrong solution exists and names the known checks it fails."""
    problems = []
    for index, item in enumerate(spec.get("wrong") or []):
        where = f"wrong[{index}]"
        if not isinstance(item, dict) or not (root / str(item.get("file", ""))).exists():
            named = item.get("file") if isinstance(item, dict) else None
            problems.append(
                _spec_problem(
                    file,
                    f"wrong solution file '{named}' does not exist",
                    where,
                    spec.get("wrong"),
                    index,
                )
            )
            continue
        if not item.get("fails"):
            problems.append(
                _spec_problem(
                    file, "a wrong solution must name the checks it fails ('fails')", where, item
                )
            )
        for check_id in item.get("fails") or []:
            if check_id not in check_ids:
                problems.append(
                    _spec_problem(
                        file, f"fails names unknown check '{check_id}'", where, item, "fails"
                    )
                )
    return problems


CheckProblem = tuple[str, str, int | None]  # (message, field, line)


def _hints_problems(check: dict) -> list[CheckProblem]:
    """`hints: [{when: {failed|passed|source_has|source_lacks: [names]}, text: "..."}]`."""
    hints = check["hints"]
    shape = (
        "hints must be a list of {when: {failed, passed, source_has or source_lacks: [...]}, "
        "text: ...}"
    )
    if not isinstance(hints, list) or not hints:
        return [_bad(shape, "hints", check)]
    for hint in hints:
        when = hint.get("when") if isinstance(hint, dict) else None
        if (
            not isinstance(hint, dict)
            or set(hint) != {"when", "text"}
            or not isinstance(hint["text"], str)
            or not isinstance(when, dict)
            or not when
            or not set(when) <= HINT_CONDITIONS
            or not all(
                isinstance(v, list) and v and all(isinstance(x, str) for x in v)
                for v in when.values()
            )
        ):
            return [_bad(shape, "hints", check)]
    return []


def _bad(message: str, name: str, node, key=None) -> CheckProblem:
    return (message, name, _line(node, key if key is not None else name))


def _check_problems(root: Path, check: dict) -> list[CheckProblem]:
    """(message, field, line) for every problem in one check's fields."""
    kind = check.get("kind")
    if kind not in CHECK_KINDS:
        return [(f"kind must be one of {sorted(CHECK_KINDS)}", "kind", _line(check, "kind"))]
    out = [
        _bad(f"unknown field '{name}' for a {kind} check", name, check)
        for name in sorted(check.keys() - COMMON_CHECK_FIELDS - CHECK_FIELDS[kind])
    ]
    weight = check.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        out.append(_bad("weight must be a number ≥ 0", "weight", check))
    if "hints" in check:
        out += _hints_problems(check)
    if kind in {"probe", "metric", "figure"} and not isinstance(check.get("call"), str):
        out.append(
            _bad(
                f"a {kind} check needs 'call': the learner's function (or Class.method)",
                "call",
                check,
            )
        )
    if kind == "probe":
        out += _probe_problems(root, check)
    elif kind == "static":
        for name in CHECK_FIELDS["static"] & check.keys():
            if not isinstance(check[name], list) or not all(
                isinstance(x, str) for x in check[name]
            ):
                out.append(_bad(f"{name} must be a list of names", name, check))
    elif kind == "resource":
        if not ({"max_seconds", "max_memory_mb", "speedup"} & check.keys()):
            out.append(
                _bad("a resource check needs max_seconds, max_memory_mb or speedup", "kind", check)
            )
        speedup = check.get("speedup")
        if speedup is not None and not (
            isinstance(speedup, dict)
            and isinstance(speedup.get("of"), str)
            and isinstance(speedup.get("over"), str)
            and isinstance(speedup.get("at_least"), (int, float))
            and speedup["at_least"] >= 0
        ):
            out.append(
                _bad(
                    "speedup must be {of: check id, over: check id, at_least: factor ≥ 0}",
                    "speedup",
                    check,
                )
            )
    elif kind == "metric":
        out += _metric_problems(root, check)
    elif kind == "http":
        out += _http_problems(check)
    elif kind == "figure":
        out += _figure_problems(root, check)
    elif kind == "dockerfile":
        out += _dockerfile_problems(check)
    return out


def _figure_problems(root: Path, check: dict) -> list[CheckProblem]:
    """Cases as a probe's; `shows` is a function of grader.py."""
    out = _probe_problems(root, {k: v for k, v in check.items() if k != "shows"})
    if "shows" in check and not (
        isinstance(check["shows"], str) and (root / "grader.py").is_file()
    ):
        out.append(_bad("shows must name a function in the package's grader.py", "shows", check))
    return out


def _dockerfile_problems(check: dict) -> list[CheckProblem]:
    out = []
    rules = check.get("rules")
    if not isinstance(rules, list) or not rules or not set(rules) <= DOCKERFILE_RULES:
        out.append(
            _bad(f"rules must be a non-empty list of {sorted(DOCKERFILE_RULES)}", "rules", check)
        )
    port = check.get("port")
    if port is not None and (isinstance(port, bool) or not isinstance(port, int)):
        out.append(_bad("port must be a whole number", "port", check))
    if not isinstance(check.get("file", "Dockerfile"), str):
        out.append(_bad("file must be the Dockerfile's path", "file", check))
    return out


def _probe_problems(root: Path, check: dict) -> list[CheckProblem]:
    """The comparison mode, the cases, and what grader.py or oracle/ must provide."""
    out = []
    compare = check.get("compare") or {}
    mode = compare.get("mode", "allclose")
    if mode not in COMPARE_MODES:
        out.append(
            _bad(
                f"compare.mode must be one of {sorted(COMPARE_MODES)}",
                "compare.mode",
                compare,
                "mode",
            )
        )
    if mode == "raises" and not compare.get("exception"):
        out.append(
            _bad(
                "compare.mode raises needs compare.exception (e.g. ValueError)",
                "compare.exception",
                compare,
                "mode",
            )
        )
    if mode == "property" and not (
        isinstance(compare.get("function"), str) and (root / "grader.py").is_file()
    ):
        out.append(
            _bad(
                "compare.mode property needs compare.function: a function in grader.py",
                "compare.function",
                compare,
                "mode",
            )
        )
    cases = check.get("cases")
    if cases is not None and not isinstance(cases, (list, str)):
        out.append(
            _bad(
                "cases must be a list of {args, kwargs} or the name of a generator in grader.py",
                "cases",
                check,
            )
        )
    if isinstance(cases, str) and not (root / "grader.py").is_file():
        out.append(
            _bad(
                f"cases names the generator '{cases}' but the package has no grader.py",
                "cases",
                check,
            )
        )
    if "expected" in check and not (root / "grader.py").is_file():
        out.append(
            _bad(
                f"expected names '{check['expected']}' in grader.py, but the package has no grader.py",
                "expected",
                check,
            )
        )
    oracle = str(check.get("oracle", ""))
    if oracle and (
        ":" not in oracle or not (root / "oracle" / f"{oracle.split(':')[0]}.py").is_file()
    ):
        out.append(
            _bad("oracle must be module:function with the module in oracle/", "oracle", check)
        )
    return out


def _http_problems(check: dict) -> list[CheckProblem]:
    """A non-empty list of requests, each with a path, known fields and method, a compare field."""
    out = []
    requests = check.get("requests")
    if not isinstance(requests, list) or not requests:
        out.append(_bad("an http check needs a non-empty list of requests", "requests", check))
        requests = []
    for index, request in enumerate(requests):
        where = f"requests[{index}]"
        if not isinstance(request, dict) or not str(request.get("path", "")).startswith("/"):
            out.append(_bad("each request needs a path starting with /", where, requests, index))
            continue
        for name in sorted(request.keys() - REQUEST_FIELDS):
            out.append(
                _bad(f"unknown field '{name}' in a request", f"{where}.{name}", request, name)
            )
        if request.get("method", "GET") not in HTTP_METHODS:
            out.append(
                _bad(
                    f"method must be one of {sorted(HTTP_METHODS)}",
                    f"{where}.method",
                    request,
                    "method",
                )
            )
        if "compare" in request and not isinstance((request["compare"] or {}).get("field"), str):
            out.append(
                _bad(
                    "compare needs 'field': the key of the JSON answer to compare",
                    f"{where}.compare",
                    request,
                    "compare",
                )
            )
    return out


def _metric_problems(root: Path, check: dict) -> list[CheckProblem]:
    out = []
    if check.get("metric") not in METRIC_NAMES:
        out.append(
            (f"metric must be one of {sorted(METRIC_NAMES)}", "metric", _line(check, "metric"))
        )
    out += _metric_file_problems(root, check)
    out += _threshold_problems(check)
    repeats = check.get("repeats", 1)
    if isinstance(repeats, bool) or not isinstance(repeats, int) or not 1 <= repeats <= 9:
        out.append(("repeats must be an integer from 1 to 9", "repeats", _line(check, "repeats")))
    return out


def _metric_file_problems(root: Path, check: dict) -> list[CheckProblem]:
    """labels (in hidden/) and features exist, and the metric has the one it needs."""
    out = []
    for name, folder in (("labels", "hidden"), ("features", None)):
        relative = check.get(name)
        if relative is None:
            continue
        if not (root / str(relative)).is_file():
            out.append((f"{name} file '{relative}' does not exist", name, _line(check, name)))
        elif folder and not str(relative).startswith(folder + "/"):
            out.append(
                (
                    f"{name} must live in {folder}/, which never enters the container",
                    name,
                    _line(check, name),
                )
            )
    if check.get("metric") == "silhouette" and "features" not in check:
        out.append(
            (
                "the silhouette metric needs 'features' (the points that were clustered)",
                "features",
                _line(check),
            )
        )
    elif check.get("metric") in METRIC_NAMES - {"silhouette"} and "labels" not in check:
        out.append(
            ("this metric needs 'labels': the held-out answers in hidden/", "labels", _line(check))
        )
    return out


def _threshold_problems(check: dict) -> list[CheckProblem]:
    """thresholds: a list of {at, credit in (0, 1]} with one giving full marks."""
    thresholds = check.get("thresholds")
    if (
        not isinstance(thresholds, list)
        or not thresholds
        or not all(
            isinstance(t, dict)
            and isinstance(t.get("at"), (int, float))
            and isinstance(t.get("credit"), (int, float))
            and 0 < t["credit"] <= 1
            for t in thresholds
        )
    ):
        return [
            (
                "thresholds must be a list of {at: number, credit: 0–1}",
                "thresholds",
                _line(check, "thresholds"),
            )
        ]
    if max(t["credit"] for t in thresholds) != 1:
        return [
            (
                "one threshold must give credit 1 (full marks)",
                "thresholds",
                _line(check, "thresholds"),
            )
        ]
    return []


def load_packages(exercises_dir: Path) -> tuple[list[Package], list[Problem]]:
    packages: list[Package] = []
    problems: list[Problem] = []
    if not exercises_dir.is_dir():
        return packages, problems
    for root in sorted(
        p for p in exercises_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    ):
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
