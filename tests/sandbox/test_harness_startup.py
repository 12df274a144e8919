"""The harness starts fast: what only some runs need is imported when they need it."""

import json
import subprocess
import sys
from pathlib import Path

from sandbox.harness import supervisor

HARNESS = Path(supervisor.__file__).resolve().parent


def test_versions_come_from_the_file_the_image_build_wrote(tmp_path, monkeypatch):
    written = tmp_path / "versions.json"
    written.write_text(json.dumps({"python": "3.11.2", "numpy": "2.2.6", "torch": None}))
    monkeypatch.setattr(supervisor, "VERSIONS_FILE", str(written))
    assert supervisor.versions() == {"python": "3.11.2", "numpy": "2.2.6", "torch": None}


def test_without_the_file_versions_are_read_from_package_metadata(tmp_path, monkeypatch):
    monkeypatch.setattr(supervisor, "VERSIONS_FILE", str(tmp_path / "missing.json"))
    found = supervisor.versions()
    assert found["python"].startswith("3.") and set(found) >= {"numpy", "torch"}


def test_a_damaged_file_falls_back_to_package_metadata(tmp_path, monkeypatch):
    damaged = tmp_path / "versions.json"
    damaged.write_text("{not json")
    monkeypatch.setattr(supervisor, "VERSIONS_FILE", str(damaged))
    assert supervisor.versions() == supervisor.versions_from_metadata()


# What every run's start-up would pay for and only some runs use: the web server's client
# (http.client, ssl), package metadata and importlib.abc (50 ms); OpenSSL behind hmac/hashlib
# (5 ms), dataclasses with inspect (8 ms), typing (4 ms), subprocess and shutil (GPU facts only,
# 7 ms), platform.
NOT_AT_START = (
    "http.client",
    "ssl",
    "importlib.metadata",
    "importlib.abc",
    "backprop_harness.web",
    "_hashlib",
    "hashlib",
    "hmac",
    "dataclasses",
    "inspect",
    "typing",
    "subprocess",
    "shutil",
    "platform",
)


def test_the_supervisor_imports_nothing_only_some_runs_need(tmp_path):
    """The harness is imported as in the image: a package named backprop_harness, the standard
    library only."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import backprop_harness.supervisor;"
        f"print(sorted(m for m in {NOT_AT_START!r} if m in sys.modules))"
    )
    (tmp_path / "backprop_harness").symlink_to(HARNESS, target_is_directory=True)
    out = subprocess.run(
        [sys.executable, "-I", "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def run_in_harness_python(tmp_path, code: str) -> str:
    (tmp_path / "backprop_harness").symlink_to(HARNESS, target_is_directory=True)
    out = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1])\n" + code,
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_numpy_is_seeded_when_first_imported_not_before(tmp_path):
    """Importing numpy costs a cold container 0.2 s: a run whose code never imports it (plain
    Python exercises) does not pay for it, and one that does still draws the seeded numbers."""
    code = (
        "from backprop_harness import child\n"
        "child._seed(3)\n"
        "print('numpy' in sys.modules)\n"
        "import numpy\n"
        "print(numpy.random.rand() == numpy.random.RandomState(3).rand())\n"
    )
    assert run_in_harness_python(tmp_path, code).split() == ["False", "True"]


def test_what_a_warm_container_imported_before_the_fork_is_seeded_at_once(tmp_path):
    code = (
        "import types, numpy\n"
        "seeds = []\n"
        "sys.modules['torch'] = types.SimpleNamespace(manual_seed=seeds.append)\n"
        "from backprop_harness import child\n"
        "child._seed(5)\n"
        "print(numpy.random.rand() == numpy.random.RandomState(5).rand(), seeds)\n"
        "print(any(isinstance(f, child._SeedOnImport) for f in sys.meta_path))\n"
    )
    assert run_in_harness_python(tmp_path, code).splitlines() == ["True [5]", "False"]
