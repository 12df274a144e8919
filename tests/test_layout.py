"""The architecture's import rules, enforced (DESIGN.md: layout)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEB_APPS = (
    "accounts",
    "notifications",
    "curriculum",
    "submissions",
    "learning",
    "mentoring",
    "api",
)
FORBIDDEN = {
    "sandbox": {"django", "config", "worker", "rest_framework", "celery", *WEB_APPS},
    **{app: {"sandbox", "worker"} for app in WEB_APPS},
    "accounts": {"sandbox", "worker", *WEB_APPS} - {"accounts"},
}
# The one exception, also listed in the import-linter layers contract: the API serves the
# judge's result converters (worker/judge/formats.py, plain functions without Django).
ALLOWED = {("api/results.py", "worker")}


def imports_of(package: str):
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module.split(".")[0]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_direction(package):
    bad = [
        f"{p.relative_to(ROOT)} imports {m}"
        for p, m in imports_of(package)
        if m in FORBIDDEN[package] and (str(p.relative_to(ROOT)), m) not in ALLOWED
    ]
    assert not bad, "\n".join(bad)


def test_tests_never_import_the_benches():
    # Benches may use the tests' helpers (tests/servers.py), never the other way round.
    bad = []
    for path in (ROOT / "tests").rglob("*.py"):
        if "cases" in path.parts or path == Path(__file__):  # attack solutions: not all UTF-8
            continue
        text = path.read_text()
        tree = ast.parse(text, filename=str(path))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
        if any(name.split(".")[0] == "bench" for name in names) or (
            "spec_from_file_location" in text and '"bench"' in text
        ):
            bad.append(str(path.relative_to(ROOT)))
    assert not bad, bad


def test_sandbox_imports_without_django():
    code = "import sys, sandbox, sandbox.runner, sandbox.job, sandbox.limits; assert 'django' not in sys.modules"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)


def test_a_web_process_loads_no_grading_stack():
    """The web serves pages; the judge, scikit-learn, NumPy and the Docker SDK are the
    worker's. The admin's regrade action once pulled them all into every web process at
    start (2.1 s and 177 MB to load the app, against 1.0 s and 85 MB)."""
    code = (
        "import os, sys, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "django.setup(); import config.urls, config.wsgi; "
        "print(sorted(m for m in ('sklearn', 'numpy', 'docker', 'worker.pipeline') if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert found.splitlines()[-1] == "[]", found


@pytest.mark.django_db
def test_no_pending_migrations():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


PACKAGES = ("config", "worker", "sandbox", *WEB_APPS)


def _import_cycles(graph) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan), imports inside functions included."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(module):  # recursion depth is bounded by the number of our modules
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph.find_modules_directly_imported_by(module):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_imports_another_in_a_cycle():
    import grimp

    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    assert _import_cycles(graph) == []


def test_the_cycle_finder_sees_a_lazy_import_cycle(tmp_path, monkeypatch):
    import grimp

    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "__init__.py").write_text("")
    (tmp_path / "loop" / "a.py").write_text("from loop import b\n")
    (tmp_path / "loop" / "b.py").write_text("def f():\n    from loop import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("loop", cache_dir=None)
    assert _import_cycles(graph) == [["loop.a", "loop.b"]]
