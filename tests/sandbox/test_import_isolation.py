import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_sandbox_imports_without_django_settings_and_never_imports_django():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import sys, sandbox, sandbox.runner, sandbox.reaper, sandbox.images; assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))"
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr


def test_no_sandbox_module_imports_django():
    pattern = re.compile(r"^\s*(import|from)\s+django\b", re.MULTILINE)
    offenders = [p for p in (REPO / "sandbox").rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []
