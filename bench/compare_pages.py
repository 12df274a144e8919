"""Screenshots of the browse pages before and after a change, from two servers on one database.

    .venv/bin/python bench/compare_pages.py --before 14f1eef

It checks out `--before` into a git worktree (var/compare-pages/before), starts gunicorn from it
and from this working tree on the page bench's database (`bench_pages`, seeded by
bench/pages.py; both read the same rows, so any difference is the code's), opens each page in
Chromium as a visitor and as a logged-in learner, saves full-page screenshots under
var/compare-pages/ and prints, per page, whether the PNGs and the visible text are identical.
Exit status 1 if any page differs. Everything it starts is stopped; the worktree is removed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/bench_pages"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LEARNER = ("compare-pages@example.com", "compare-pages-pw-1")
PAGES = {
    "catalog": "/",
    "search": "/?q=gradient+descent",
    "path": "/paths/ml-engineer-master-curriculum/",
    "unit": "/paths/ml-engineer-master-curriculum/1/",
    "week": "/paths/ml-dl-engineer-16-weeks/1/",
    "exercise": "/exercises/matmul-from-scratch/",
    "dashboard": "/dashboard/",
}


def start(code: Path, port: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=code,
        env={**env, "PYTHONPATH": str(code)},
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGTERM)
    sys.exit(f"the server from {code} did not start")


def learner(env: dict) -> None:
    script = (
        "from accounts.models import User\n"
        f"u, _ = User.objects.get_or_create(username={LEARNER[0]!r}, defaults={{'email': {LEARNER[0]!r}}})\n"
        f"u.set_password({LEARNER[1]!r}); u.save()\n"
    )
    subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, timeout=120
    )


def shoot(base: str, out: Path, *, logged_in: bool) -> dict[str, tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    shots = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        if logged_in:
            page.goto(base + "/accounts/login/")
            page.fill("input[name=username]", LEARNER[0])
            page.fill("input[name=password]", LEARNER[1])
            page.click("form button[type=submit]")
            page.wait_for_load_state()
        for name, url in PAGES.items():
            if name == "dashboard" and not logged_in:
                continue
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            png = out / f"{name}{'-learner' if logged_in else ''}.png"
            page.screenshot(path=str(png), full_page=True, animations="disabled")
            text = page.inner_text("main")
            shots[png.stem] = (hashlib.sha256(png.read_bytes()).hexdigest(), text)
        browser.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the commit to compare with")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    args = parser.parse_args()
    var = ROOT / "var" / "compare-pages"
    worktree = var / "before"
    subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, check=False)
    var.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(worktree), args.before], cwd=ROOT, check=True
    )
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONTENT_DIR": str(ROOT / "content"),
    }
    env.pop("REDIS_URL", None)  # each server its own memory cache: nothing shared between them
    learner(env)
    servers = []
    try:
        results = {}
        for label, code, port in (("before", worktree, 8795), ("after", ROOT, 8796)):
            servers.append(start(code, port, env))
            shots = var / f"{label}-shots"
            shots.mkdir(exist_ok=True)
            base = f"http://127.0.0.1:{port}"
            results[label] = {
                **shoot(base, shots, logged_in=False),
                **shoot(base, shots, logged_in=True),
            }
        differ = 0
        print("| page | screenshot | visible text |")
        print("| --- | --- | --- |")
        for name, (digest, text) in results["before"].items():
            after_digest, after_text = results["after"][name]
            same_png, same_text = digest == after_digest, text == after_text
            differ += not (same_png and same_text)
            print(
                f"| {name} | {'identical' if same_png else 'differs'} "
                f"| {'identical' if same_text else 'differs'} |"
            )
        print(f"screenshots in {var}/before-shots and {var}/after-shots")
        sys.exit(1 if differ else 0)
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT)


if __name__ == "__main__":
    main()
