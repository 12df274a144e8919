#!/usr/bin/env bash
# The production stack, started for real: build the images offline (deploy/build-images.sh),
# bring docker-compose.yml up (PostgreSQL, Redis, web, worker, beat) under a project name of
# its own, wait for the health checks, check that the web ran the migrations and the content
# import, submit one exercise through the web service as a learner would (HTTP, CSRF, htmx
# polling), see it graded by the compose worker, then bring everything down (volumes too).
#
#   bash scripts/compose-smoke.sh            # SKIP_BUILD=1 reuses the images already built
#
# The web is published on 127.0.0.1 only, on a free port (or WEB_PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
PROJECT="backprop-smoke-$$"
PORT="${WEB_PORT:-$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
ENV_FILE="$(mktemp)"
STARTED=$(date +%s)
say() { echo "[compose-smoke $(( $(date +%s) - STARTED ))s] $*"; }

{
    echo "SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
    echo "DEBUG=0"
    echo "ALLOWED_HOSTS=localhost,127.0.0.1"
    echo "HTTPS=0"
    echo "LOG_LEVEL=INFO"
} > "$ENV_FILE"
export BACKPROP_ENV_FILE="$ENV_FILE" WEB_PORT="$PORT"
compose() { docker-compose -f "$ROOT/docker-compose.yml" -p "$PROJECT" "$@"; }
cleanup() {
    status=$?
    if [ "$status" != 0 ]; then
        echo "--- logs (the last lines of each service)" >&2
        compose logs --no-color --tail 40 >&2 || true
    fi
    say "bringing the stack down"
    compose down -v --remove-orphans >/dev/null 2>&1 || true
    rm -f "$ENV_FILE"
    exit "$status"
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-}" != 1 ]; then
    say "building the images (offline)"
    bash deploy/build-images.sh
fi
say "the sandbox image of this tree (the worker runs it)"
bash scripts/sandbox-image.sh build >/dev/null

say "up: postgres redis web worker beat (project $PROJECT, web on 127.0.0.1:$PORT)"
compose up -d --no-build postgres redis web worker beat

health() {
    docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' \
        "$(compose ps -q "$1")"
}
deadline=$(( $(date +%s) + ${COMPOSE_WAIT_SECONDS:-600} ))
for service in postgres redis web worker; do
    until [ "$(health "$service")" = healthy ]; do
        if [ "$(date +%s)" -gt "$deadline" ]; then
            say "$service is not healthy: $(health "$service")"
            exit 1
        fi
        sleep 2
    done
    say "$service healthy"
done

say "checks: migrations applied, content imported, Redis append-only"
compose exec -T web python manage.py migrate --check >/dev/null
compose exec -T web python manage.py shell -c "
from accounts.models import User
from curriculum.models import Exercise
assert Exercise.objects.filter(slug='matmul-from-scratch').exists(), 'the content import did not run'
User.objects.filter(email='smoke@example.com').delete()
User.objects.create_user('smoke', 'smoke@example.com', 'smoke-pw-4711-compose')
"
appendonly="$(compose exec -T redis redis-cli config get appendonly | tail -n 1 | tr -d '\r')"
[ "$appendonly" = yes ] || { say "Redis appendonly is '$appendonly', not yes"; exit 1; }

say "a learner submits through the web; the compose worker grades"
"$PY" bench/compose_learner.py "http://127.0.0.1:$PORT" smoke@example.com smoke-pw-4711-compose
compose logs --no-color worker | grep -q "grade_submission.*succeeded" \
    || { say "the compose worker did not log the grade"; exit 1; }
say "passed: the compose stack graded a submission end to end"
