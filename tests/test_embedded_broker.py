"""The embedded broker (no REDIS_URL) keeps every folder under var/broker/, wherever a command runs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_control_command_leaves_no_folder_where_it_ran(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", PYTHONPATH=str(ROOT))
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from config.celery import app\n"
        "app.control.ping(timeout=0.1)\n"
        "print(settings.CELERY_BROKER_TRANSPORT_OPTIONS['control_folder'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert list(tmp_path.iterdir()) == []
    assert Path(out.stdout.split()[-1]).is_relative_to(ROOT / "var")
