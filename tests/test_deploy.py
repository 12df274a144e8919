"""The production configuration: `check --deploy` is clean and the compose file is valid."""

import json
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


def production_settings(tmp_path, **extra) -> dict:
    """config.settings as production loads it (a fresh interpreter with PRODUCTION's values)."""
    outside = {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "CACHE_URL", "TRUSTED_PROXY_COUNT"}
    env = {k: v for k, v in os.environ.items() if k not in outside}  # CI sets REDIS_URL
    env.update(PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **extra)
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "TRUSTED_PROXY_COUNT",
        "CACHES",
        "REST_FRAMEWORK",
        "CONTENT_SECURITY_POLICY",
        "DEBUG",
    ]
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}, default=str))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def test_production_cookies_and_transport_are_secure(tmp_path):
    s = production_settings(tmp_path)
    assert s["DEBUG"] is False
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SESSION_COOKIE_HTTPONLY"]
    assert s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert s["SECURE_REFERRER_POLICY"] == "same-origin" and s["X_FRAME_OPTIONS"] == "DENY"
    # Behind the TLS proxy: its X-Forwarded-For entry is the client, for every throttle.
    assert s["TRUSTED_PROXY_COUNT"] == 1 and s["REST_FRAMEWORK"]["NUM_PROXIES"] == 1


def test_without_https_nothing_insists_on_it(tmp_path):
    s = production_settings(tmp_path, HTTPS="0")
    assert not s["SESSION_COOKIE_SECURE"] and not s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_HSTS_SECONDS"] == 0 and s["SECURE_PROXY_SSL_HEADER"] is None
    assert s["TRUSTED_PROXY_COUNT"] == 0 and s["REST_FRAMEWORK"]["NUM_PROXIES"] is None


def test_the_policy_allows_no_inline_script_anywhere(tmp_path):
    directives = production_settings(tmp_path)["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in str(directives) and "'unsafe-eval'" not in str(directives)
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]


def test_the_cache_is_redis_beside_the_broker_not_in_its_database(tmp_path):
    s = production_settings(tmp_path, REDIS_URL="redis://redis:6379/0")
    cache = s["CACHES"]["default"]
    assert cache["BACKEND"] == "config.cache.FailOpenRedisCache"
    assert cache["LOCATION"] == "redis://redis:6379/1"  # cache.clear() must not empty the queue
    assert production_settings(tmp_path)["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_the_headers_are_sent(client, db, settings):
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";" and "frame-ancestors 'none'" in policy


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
