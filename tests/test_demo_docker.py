"""`make demo`'s Docker decisions (scripts/ensure-docker.sh), run with a fake PATH and in dry-run
mode: nothing is installed or started, the commands it would run are printed instead."""

import os
import pty
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "ensure-docker.sh"
BASH = shutil.which("bash")


def fake_bin(tmp_path, *, uid: int, apt: bool, dockerd: bool = False) -> Path:
    """A PATH with no docker: only what the script needs, `id` and optionally apt-get, dockerd."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dirname",):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    stubs = {"id": f"echo {uid}"}
    if apt:
        stubs["apt-get"] = "echo 'real apt-get must not run in a dry run' >&2; exit 99"
    if dockerd:
        stubs["dockerd"] = "exit 99"
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!{BASH}\n{body}\n")
        (bin_dir / name).chmod(0o755)
    return bin_dir


def run(tmp_path, *, uid=0, apt=True, dockerd=False, ci=True, stdin=subprocess.DEVNULL):
    env = {
        "PATH": str(fake_bin(tmp_path, uid=uid, apt=apt, dockerd=dockerd)),
        "ENSURE_DOCKER_DRY_RUN": "1",
        "USER": "learner",
        **({"CI": "true"} if ci else {}),
    }
    return subprocess.run(
        [BASH, str(SCRIPT)], env=env, stdin=stdin, capture_output=True, text=True, timeout=20
    )


def test_as_root_with_apt_in_ci_it_installs_and_starts_docker_without_asking(tmp_path):
    result = run(tmp_path, uid=0, apt=True, ci=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "would run: apt-get install -y -q docker.io" in result.stdout
    assert "would run: bash scripts/start-dockerd.sh" in result.stdout
    assert "[Y/n]" not in result.stdout + result.stderr


def test_as_root_with_apt_and_no_terminal_outside_ci_it_only_prints_the_command(tmp_path):
    result = run(tmp_path, uid=0, apt=True, ci=False)
    assert result.returncode == 1
    assert "would run" not in result.stdout
    assert "apt-get update && apt-get install -y docker.io && bash scripts/start-dockerd.sh" in (
        result.stdout
    )


@pytest.mark.parametrize(("answer", "installs"), [("y\n", True), ("\n", True), ("n\n", False)])
def test_on_a_terminal_it_asks_first(tmp_path, answer, installs):
    controller, terminal = pty.openpty()
    try:
        os.write(controller, answer.encode())
        result = run(tmp_path, uid=0, apt=True, ci=False, stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)
    assert ("would run: apt-get install -y -q docker.io" in result.stdout) is installs
    assert result.returncode == (0 if installs else 1)


def test_without_root_it_says_exactly_what_to_install(tmp_path):
    result = run(tmp_path, uid=1000, apt=True)
    assert result.returncode == 1 and "would run" not in result.stdout
    assert "sudo apt-get update && sudo apt-get install -y docker.io" in result.stdout
    assert "sudo bash scripts/start-dockerd.sh" in result.stdout


def test_without_apt_it_points_at_dockers_install_guide(tmp_path):
    result = run(tmp_path, uid=1000, apt=False)
    assert result.returncode == 1
    assert "https://docs.docker.com/engine/install/" in result.stdout


def test_an_installed_but_stopped_engine_is_started_as_root(tmp_path):
    result = run(tmp_path, uid=0, apt=True, dockerd=True)
    assert result.returncode == 0
    assert "would run: bash scripts/start-dockerd.sh" in result.stdout
    assert "apt-get install" not in result.stdout


def test_the_demo_uses_it_and_says_where_mail_goes():
    demo = (ROOT / "scripts" / "demo.sh").read_text()
    assert "bash scripts/ensure-docker.sh" in demo
    assert 'export DEBUG="${DEBUG:-0}"' in demo
    assert "printed\n  into var/web.log" in demo
