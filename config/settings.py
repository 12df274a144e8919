"""Settings, all from environment variables (see .env.example for the full list).

The defaults are the embedded ones of `make demo`: a SQLite file and a broker
that needs no server, both under var/. Production sets DATABASE_URL, REDIS_URL,
SECRET_KEY, ALLOWED_HOSTS and HTTPS=1 (docker-compose.yml does).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-set-SECRET_KEY-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our static files, not a CDN
    "django_htmx",
    "csp",
    "template_partials",
    # Domain apps, lowest layer first (the order import-linter checks, docs/architecture.md).
    "accounts",
    "notifications",
    "curriculum",
    "submissions",
    "learning",
    "mentoring",
    "api",
    "worker",
]

MIDDLEWARE = [
    # Outermost: a 500 caused by a lost database connection becomes a styled 503 (config/db_unavailable.py).
    "config.db_unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads a body (CSRF's process_view does): a body over its route's limit
    # is refused from its Content-Length alone, in the client's terms (config/request_limits.py).
    "config.request_limits.RequestLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees a view's exceptions first: our error pages for learners even with DEBUG on.
    "config.errors.FriendlyErrorsMiddleware",
]
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # After Django's csrf processor: pages rendered for the page cache get holes.
                "curriculum.page_cache.holes",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so a worker process in the integration tests sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses, password unchecked, while the login throttle locks the account or address.
    "accounts.backends.LoginThrottleBackend",
    # Django's ModelBackend, whose session user may come from the shared cache.
    "accounts.session_user.CachedUserBackend",
    # Answers object permissions only (who besides the owner may open an attempt).
    "mentoring.access.MentorAccessBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "curriculum:catalog"
LOGOUT_REDIRECT_URL = "curriculum:catalog"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# The site's public address, for links in emails (notifications, cohort invitations).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Backprop <noreply@localhost>")

# HTTPS=1 in production (behind a TLS-terminating proxy): secure cookies, HSTS, redirect.
# tests/test_deploy.py checks these with production values (docs/operations.md, "Security").
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS") or 60 * 60 * 24 * 365) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the compose health check asks over plain HTTP
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Proxies in front of the web (X-Forwarded-For entries to trust): 1 behind the TLS proxy that
# HTTPS=1 implies. The login and sign-up throttles and the API's read the client address alike.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or (1 if HTTPS else 0))

# The Content-Security-Policy (django-csp): our own files only. No inline script anywhere
# (data goes through json_script, behaviour in static/js), no style attribute, and no inline
# <style> but the editor's, which carries the page's nonce (htmx is told not to add its
# indicator <style>); `data:` images for Swagger UI's icons; no framing, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # A nonce, where a page asks for one: CodeMirror mounts its styles in a <style>.
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Abuse limits (docs/operations.md, "Security") ----------------------------------------
# Per learner, over every route (page, upload, API, CLI), counted from the stored rows
# (submissions.services.check_submission_limits). The rate is written like the API's rates.
SUBMISSION_RATE = os.environ.get("SUBMISSION_RATE", "6/minute")
SUBMISSION_MAX_PENDING = int(os.environ.get("SUBMISSION_MAX_PENDING", "3"))  # not yet graded
# Logins and sign-ups, counted in the cache (accounts/throttle.py). An address gets more failed
# logins than an account: a classroom shares one address.
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_IP = int(os.environ.get("LOGIN_FAILURES_PER_IP", "20"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", str(15 * 60)))
SIGNUPS_PER_IP_PER_HOUR = int(os.environ.get("SIGNUPS_PER_IP_PER_HOUR", "20"))

REST_FRAMEWORK = {
    # Token first: an anonymous API call gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies only (HTML forms read a missing boolean as false); the submit endpoint adds
    # multipart for uploads.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANON", "60/minute"),
        "user": os.environ.get("API_RATE_PER_USER", "120/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT or None,
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    # Every error as application/problem+json (api/problems.py); validation answers 422.
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Backprop API",
    "DESCRIPTION": "Learning paths, autograded exercises and mentoring, for scripts, editors "
    "and the `backprop` command-line client (docs/api.md, docs/cli.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {  # fields named alike with different choices get names of their own
        "SubmissionStatusEnum": "submissions.models.Status",
        "ReviewRequestStatusEnum": "mentoring.models.ReviewRequest.Status",
        "ResultStatusEnum": ["pass", "fail", "error"],
        "CheckStatusEnum": ["pass", "fail", "error", "skipped"],
        "GradescopeTestStatusEnum": ["passed", "failed"],
        "ProgressKindEnum": ["topic", "reading", "unit_item"],
        "ResourceKindEnum": "curriculum.models.Resource.Kind",
        "UnitItemKindEnum": "curriculum.models.UnitExercise.Kind",
        "NotificationKindEnum": "notifications.models.Notification.Kind",
    },
}

# --- Cache and Celery -----------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# The cache holds the throttles' counters, shared by every web process: Redis where there is
# one (CACHE_URL, by default REDIS_URL's next database: cache.clear() empties a whole database,
# and the broker's queue must not be in it), else each process's own memory.
CACHE_URL = os.environ.get("CACHE_URL", "")
if REDIS_URL and not CACHE_URL:
    _broker_db = int(urlsplit(REDIS_URL).path.strip("/") or 0)
    CACHE_URL = urlsplit(REDIS_URL)._replace(path=f"/{_broker_db + 1}").geturl()
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Sessions read from the shared cache, written through to the database: a logged-in page
    # costs no session query. Only with a shared cache: a logout in one process must end the
    # session in all of them, which each process's own memory could not promise.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The session's user row from the cache too (accounts/session_user.py), only where it is shared.
USER_ROW_CACHE = env_bool("USER_ROW_CACHE", bool(CACHE_URL))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    _broker_dir = VAR_DIR / "broker"
    # kombu's file-system transport does not create its folders; a fresh clone has none.
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # kombu's default is ./control, which litters the directory a command runs in.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None  # results live in the database, on the Submission row
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("GRADING_SOFT_TIME_LIMIT", "300"))
CELERY_TASK_TIME_LIMIT = int(os.environ.get("GRADING_TIME_LIMIT", "360"))
CELERY_TASK_DEFAULT_QUEUE = "grading-cpu"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-submissions": {
        "task": "worker.tasks.sweep_submissions",
        "schedule": float(os.environ.get("SWEEP_INTERVAL_SECONDS", "30")),
    },
    "reap-sandbox-containers": {
        "task": "worker.tasks.reap_containers",
        "schedule": 60.0,
    },
}

# --- Grading ------------------------------------------------------------------------------
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))
SANDBOX_IMAGE = os.environ.get("SANDBOX_IMAGE", "")  # empty: the tag computed from sandbox/images
SANDBOX_RUNTIME = os.environ.get("SANDBOX_RUNTIME", "") or None  # e.g. "runsc" for gVisor
SANDBOX_GPU_IDS = env_list("SANDBOX_GPU_IDS")  # slots: device indexes or MIG UUIDs, one job each
SANDBOX_GPU_IMAGE = os.environ.get("SANDBOX_GPU_IMAGE", "")  # empty: the CUDA recipe's tag
SANDBOX_DL_IMAGE = os.environ.get("SANDBOX_DL_IMAGE", "")  # empty: the deep-learning recipe's tag
# What the exercise page tells a learner before they submit: the pinned libraries of each image
# (read from these requirement files; the web imports no sandbox code) and the default limits
# an exercise's `limits:` overrides (tests keep them equal to sandbox.limits.DEFAULTS).
SANDBOX_IMAGES_DIR = BASE_DIR / "sandbox" / "images"
SANDBOX_REQUIREMENTS = {
    "default": "requirements.txt",
    "dl": "requirements-dl.txt",
    "gpu": "requirements-gpu.txt",
}
SANDBOX_LIMIT_DEFAULTS = {"wall_seconds": 30, "memory_mb": 1024, "cpus": 1.0}
# Every worker sharing this host's GPUs must share the folder of slot locks (worker/gpu_slots.py).
SANDBOX_GPU_LOCK_DIR = os.environ.get("SANDBOX_GPU_LOCK_DIR", "") or None
SANDBOX_GPU_WAIT_SECONDS = float(os.environ.get("SANDBOX_GPU_WAIT_SECONDS", "120"))
GRADING_QUEUED_STALE_SECONDS = int(os.environ.get("GRADING_QUEUED_STALE_SECONDS", "60"))
GRADING_LEASE_SECONDS = int(os.environ.get("GRADING_LEASE_SECONDS", "420"))
GRADING_MAX_ATTEMPTS = int(os.environ.get("GRADING_MAX_ATTEMPTS", "5"))
# Docker engine unavailable: `error` + retry_at, retried after 5, 10, 20, 40, then every 60 s.
GRADING_RETRY_BASE_SECONDS = float(os.environ.get("GRADING_RETRY_BASE_SECONDS", "5"))
GRADING_RETRY_MAX_SECONDS = float(os.environ.get("GRADING_RETRY_MAX_SECONDS", "60"))
# Warm single-use containers per container shape (image, limits, device); 0 disables the pool.
SANDBOX_POOL_SIZE = int(os.environ.get("SANDBOX_POOL_SIZE", "0"))
# How many exercises' shapes a worker warms when it starts: the most submitted last week.
SANDBOX_POOL_WARM_EXERCISES = int(os.environ.get("SANDBOX_POOL_WARM_EXERCISES", "8"))
# A warm container idle longer than this is replaced (and its deadline label lets the reaper
# remove it if the worker died).
SANDBOX_POOL_IDLE_SECONDS = int(os.environ.get("SANDBOX_POOL_IDLE_SECONDS", "600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
