"""Shared fixtures. Importable without Django so `tests/sandbox` runs with `-p no:django`."""

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(request):
    """Django's real hasher spends ~0.3 s per password by design; tests make hundreds."""
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache(request):
    """The throttles count in the cache (logins and sign-ups by address, API calls by user id),
    which outlives a test: each test starts from none. So do the cached pages, and the
    content revision this process remembers (a rolled-back test moves it back)."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.core.cache import cache

        from curriculum.page_cache import content_revision_forget

        cache.clear()
        content_revision_forget()


@pytest.fixture
def alice(db, django_user_model):
    """A learner."""
    return django_user_model.objects.create_user("alice", "alice@example.com", "pw-alice-12345")


@pytest.fixture
def bob(db, django_user_model):
    """A mentor."""
    return django_user_model.objects.create_user(
        "bob", "bob@example.com", "pw-bob-12345", role="mentor"
    )


@pytest.fixture
def charlie(db, django_user_model):
    """A stranger: another learner."""
    return django_user_model.objects.create_user(
        "charlie", "charlie@example.com", "pw-charlie-12345"
    )


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_user(
        "ada", "ada@example.com", "pw-ada-12345", role="admin"
    )


def _engine_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=5).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def docker_engine():
    """Skip (with the reason) only when no engine answers and REQUIRE_DOCKER is unset."""
    import os

    if _engine_answers():
        return True
    if os.environ.get("REQUIRE_DOCKER"):
        pytest.fail("REQUIRE_DOCKER is set but no Docker engine answers")
    pytest.skip("no Docker engine answers (set REQUIRE_DOCKER=1 to make this a failure)")


@pytest.fixture(scope="session")
def sandbox_ready(docker_engine):
    """The sandbox image for the current recipe, built if missing."""
    from sandbox.images.build import build_image

    return build_image()


@pytest.fixture
def matmul(db):
    """The matmul exercise, synced from its package."""
    from django.conf import settings

    from curriculum.content.exercise_packages import find_package
    from curriculum.content.exercise_sync import exercise_rows_sync
    from curriculum.models import Exercise

    exercise_rows_sync([find_package(settings.CONTENT_DIR / "exercises", "matmul-from-scratch")])
    return Exercise.objects.get(slug="matmul-from-scratch")


def database_url_for_subprocess() -> str:
    """The URL of the database the tests are using right now (the test database)."""
    from django.db import connection

    conf = connection.settings_dict
    if conf["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{conf['NAME']}"
    user = conf.get("USER") or "postgres"
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    host = conf.get("HOST") or "127.0.0.1"
    port = conf.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{conf['NAME']}"


# One live worker for the whole session, replaced only when its environment changes (the
# attack tests point it at another runtime): booting Celery and Django costs ~10 s a test.
_WORKER_ENV_KEYS = (
    "DATABASE_URL",
    "REDIS_URL",
    "CONTENT_DIR",
    "SANDBOX_RUNTIME",
    "SANDBOX_IMAGE",
    "SANDBOX_POOL_SIZE",
)
_live_worker: dict = {}


def _stop_worker() -> None:
    import os
    import signal
    import subprocess

    proc = _live_worker.pop("proc", None)
    if proc is not None and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    _live_worker.clear()


@pytest.fixture(scope="session")
def _worker_session():
    yield _live_worker
    _stop_worker()


def _start_worker(env: dict, log_dir):
    import os
    import subprocess
    import time

    from worker.commands import celery_worker_argv

    log_path = log_dir / f"worker-{time.monotonic_ns()}.log"
    log = open(log_path, "w+")
    proc = subprocess.Popen(
        celery_worker_argv(f"test-{os.getpid()}"),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        log.seek(0)
        if "ready." in log.read():
            break
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"worker exited early:\n{log.read()[-3000:]}")
        time.sleep(0.2)
    proc.log_path = log_path
    return proc


@pytest.fixture
def grading_worker(transactional_db, sandbox_ready, _worker_session, tmp_path_factory):
    """A real Celery worker process (not eager mode) consuming grading-cpu from the broker."""
    import os

    from config.celery import app

    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_subprocess(),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    signature = tuple(env.get(key, "") for key in _WORKER_ENV_KEYS)
    proc = _worker_session.get("proc")
    if proc is None or proc.poll() is not None or _worker_session.get("signature") != signature:
        _stop_worker()
        proc = _start_worker(env, tmp_path_factory.mktemp("worker"))
        _worker_session.update(proc=proc, signature=signature)
    app.control.purge()  # tasks left by earlier tests name rows that no longer exist
    return proc


def wait_for_terminal(submission, timeout: float = 120.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        submission.refresh_from_db()
        if submission.is_terminal:
            return submission
        time.sleep(0.25)
    raise AssertionError(f"submission {submission.pk} still {submission.status} after {timeout} s")


@pytest.fixture
def enqueued(monkeypatch):
    """Grading tasks the code under test sent, by submission id (no broker involved)."""
    sent = []
    monkeypatch.setattr("submissions.grading_queue.enqueue", lambda s: sent.append(s.pk) or True)
    return sent


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client
