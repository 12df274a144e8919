"""Faults under load, short: bench/faults.py with ten learners while a worker is SIGKILLed
mid-grade, then Redis and then PostgreSQL are restarted (servers of its own, never the shared
ones). Nothing is lost or graded twice, no page answers 500, no container is left.

The Docker-engine stop of the full bench is left out here: it stops every container on the
machine, which would break whatever else runs beside the suite (run `bench/faults.py` for it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import postgres_bindir

pytestmark = [
    pytest.mark.docker,
    pytest.mark.integration,
    pytest.mark.scaleout,
    pytest.mark.timeout(300),
]

ROOT = Path(__file__).resolve().parents[2]


def test_worker_redis_and_postgres_faults_under_load_lose_nothing(sandbox_ready, tmp_path):
    missing = [
        what
        for what, found in (
            ("redis-server", shutil.which("redis-server")),
            ("PostgreSQL server binaries", postgres_bindir()),
        )
        if not found
    ]
    if missing:
        if os.environ.get("REQUIRE_DOCKER"):
            pytest.fail(f"REQUIRE_DOCKER is set but {', '.join(missing)} missing")
        pytest.skip(f"needs {', '.join(missing)}")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "faults.py"),
            "--learners=10",
            "--faults=worker,redis,postgres",
            "--baseline=6",
            "--hold=4",
            "--after=10",
            "--lease=10",
            "--drain=90",
            f"--logs={tmp_path}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    output = proc.stdout + proc.stderr
    assert proc.stdout.strip(), output[-4000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert proc.returncode == 0, output[-4000:]
    assert report["accepted"] >= 10, report
    assert report["passed"] == report["accepted"], report
    for key in ("lost", "stuck", "duplicated", "stored_unaccounted", "containers_left"):
        assert report[key] == 0, (key, report)
    assert report["http_500"] == 0 and report["errors"] == 0, output[-4000:]
    assert [name for name, _ in report["events"]] == ["worker", "redis", "postgres"]
