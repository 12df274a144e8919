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
        if m in FORBIDDEN[package]
    ]
    assert not bad, "\n".join(bad)


def test_sandbox_imports_without_django():
    code = "import sys, sandbox, sandbox.runner, sandbox.job, sandbox.limits; assert 'django' not in sys.modules"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)


@pytest.mark.django_db
def test_no_pending_migrations():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
