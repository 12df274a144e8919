"""The production configuration: `check --deploy` is clean and the compose file is valid."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "SECRET_KEY": "x7Qm2Lr9Vb4Zt8Kp1Nw6Yc3Hd5Fg0Js9Ua2Ee7Ri4Oo1Tl6Mn3Bv8Cx5Zq0Wa4Sd7Fg",
    "DEBUG": "0",
    "HTTPS": "1",
    "ALLOWED_HOSTS": "backprop.example.com",
}


def test_check_deploy_is_clean_with_production_values(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }  # set by browser tests
    env.update(PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_the_embedded_defaults_need_no_server():
    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup(); {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.split() == ["django.db.backends.sqlite3", "filesystem://"]
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_the_compose_file_is_valid(tmp_path):
    tool = shutil.which("docker-compose")
    if tool is None:
        if os.environ.get("REQUIRE_DOCKER"):
            pytest.fail("docker-compose is missing but REQUIRE_DOCKER is set")
        pytest.skip("docker-compose is not installed")
    env_file = ROOT / ".env"
    created = not env_file.exists()
    if created:
        env_file.write_text((ROOT / ".env.example").read_text())
    try:
        proc = subprocess.run(
            [tool, "-f", str(ROOT / "docker-compose.yml"), "config"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        if created:
            env_file.unlink()
    assert proc.returncode == 0, proc.stderr
    config = proc.stdout
    for service in ("web:", "worker:", "beat:", "postgres:", "redis:"):
        assert service in config
    web = config.split("web:")[1].split("\n  worker")[0]
    assert "docker.sock" not in web  # the web never gets the Docker socket


def test_the_admin_role_reaches_every_admin_page(db, django_user_model):
    ada = django_user_model.objects.create_user("ada2", "ada2@example.com", "pw", role="admin")
    assert ada.is_staff and ada.is_superuser
    boss = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    boss.save()
    assert boss.is_superuser and boss.role == "learner"  # promotion only: flags are kept
