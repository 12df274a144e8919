"""scripts/gpu-selfcheck.sh --cpu: the harness run directly, each GPU exercise's reference,
starter and wrong solutions judged, the device, checks, metric, time and memory printed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "gpu-selfcheck.sh"


def _package(root: Path, reference: str) -> Path:
    """A GPU exercise of plain Python (no torch): a probe and a time budget."""
    folder = root / "exercises" / "tiny-gpu"
    for sub in ("reference", "starter", "wrong"):
        (folder / sub).mkdir(parents=True)
    (folder / "reference" / "solution.py").write_text(reference)
    (folder / "starter" / "solution.py").write_text("def double(x):\n    return 0\n")
    (folder / "wrong" / "adds.py").write_text("def double(x):\n    return x + 1\n")
    (folder / "statement.md").write_text("Double it.\n")
    (folder / "exercise.yaml").write_text(
        "slug: tiny-gpu\ntitle: Tiny\nenvironment: {device: gpu}\nlimits: {gpu_memory_mb: 512}\n"
        "checks:\n"
        "  - {id: doubles, kind: probe, call: double, cases: [{args: [3]}], compare: {mode: exact}}\n"
        "  - {id: budget, kind: resource, max_seconds: 30}\n"
        "cpu_smoke:\n  checks:\n    budget: {max_seconds: 20}\n"
        "wrong:\n  - {file: wrong/adds.py, fails: [doubles]}\n"
    )
    return root / "exercises"


def _selfcheck(*args, env=None):
    return subprocess.run(
        ["bash", str(SCRIPT), "--cpu", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def test_the_cpu_selfcheck_runs_and_judges_each_candidate(tmp_path):
    exercises = _package(tmp_path, "def double(x):\n    return 2 * x\n")
    done = _selfcheck(
        "--exercises",
        str(exercises),
        "--json",
        str(tmp_path / "out.json"),
        env={"TORCH_PYTHON": sys.executable},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert out.startswith("device: cpu")
    assert "tiny-gpu (CPU smoke configuration)" in out
    assert "ok   reference: pass 1.00" in out and "peak RSS" in out
    assert "ok   starter: fail" in out
    assert "ok   wrong/adds: fail" in out and "expected 6, got 4" in out
    assert "1 GPU exercises, 1 wrong solutions: 0 problem(s)" in out
    assert '"slug": "tiny-gpu"' in (tmp_path / "out.json").read_text()


def test_a_reference_that_fails_makes_the_selfcheck_fail(tmp_path):
    exercises = _package(tmp_path, "def double(x):\n    raise RuntimeError('broken')\n")
    done = _selfcheck("--exercises", str(exercises), env={"TORCH_PYTHON": sys.executable})
    assert done.returncode == 1
    assert "MISS reference" in done.stdout and "1 problem(s)" in done.stdout


def _torch_python(tmp_path_factory) -> str | None:
    """A Python that imports torch: TORCH_PYTHON, one on PATH, or the sandbox image's CPU
    wheels (var/wheelhouse, made by `make sandbox-image`) installed into a scratch folder."""
    for candidate in (os.environ.get("TORCH_PYTHON"), shutil.which("python3"), sys.executable):
        if (
            candidate
            and subprocess.run([candidate, "-c", "import torch"], capture_output=True).returncode
            == 0
        ):
            return candidate
    wheelhouse = REPO / "var" / "wheelhouse"
    if not (wheelhouse / "requirements.txt").exists():
        return None
    target = REPO / "var" / "selfcheck-pylibs"
    if not (target / "torch").is_dir():
        # --no-compile: byte-compiling torch at install took 40 of the 50 s; imports compile what they use.
        pip = ["python3", "-m", "pip", "install", "--quiet", "--no-index", "--no-compile"]
        subprocess.run(
            [*pip, "--find-links", str(wheelhouse), "--target", str(target)]
            + ["-r", str(wheelhouse / "requirements.txt")],
            check=True,
            timeout=900,
        )
    wrapper = tmp_path_factory.mktemp("torchpy") / "python"
    wrapper.write_text(
        f'#!/bin/sh\nPYTHONPATH="{target}${{PYTHONPATH:+:$PYTHONPATH}}" exec python3 "$@"\n'
    )
    wrapper.chmod(0o755)
    return str(wrapper)


@pytest.mark.integration
def test_the_real_gpu_exercises_pass_their_cpu_selfcheck(tmp_path_factory):
    python = _torch_python(tmp_path_factory)
    if python is None:
        # A clone whose sandbox image was already built has no wheelhouse of its own; the
        # image is not needed for this check, so its absence is a skip, not a failure.
        pytest.skip(
            "no Python with torch and no var/wheelhouse (a fresh `make sandbox-image` makes it)"
        )
    done = _selfcheck("int8-dynamic-quantisation", env={"TORCH_PYTHON": python})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "ok   reference: pass 1.00" in done.stdout
    assert "ok   wrong/quantises_the_wrong_layers: fail" in done.stdout
    assert "int8_speedup" in done.stdout and "speed-up" in done.stdout
