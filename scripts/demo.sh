#!/usr/bin/env bash
# `make demo`: migrate, load content, build the sandbox image if missing, then run web and
# worker together on the embedded defaults (SQLite + a file-system broker under var/).
# Ctrl-C stops both.
#
# Without a Docker engine it installs and starts one where it can (scripts/ensure-docker.sh:
# as root with apt-get, asking first on a terminal, never asking when CI=true) and otherwise
# says exactly what to install.
#
# DEBUG stays off (DEBUG=1 to override): with it on, a 404 or 403 is Django's debug page, not
# the site's. Static files are then served by WhiteNoise from `collectstatic`'s STATIC_ROOT.
# E-mail is never sent: Django's console backend prints each message into the log of the
# process that sent it (var/web.log for sign-up, password reset and invites; var/worker.log
# for notifications sent by the worker).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST="${DEMO_HOST:-127.0.0.1}"
PORT="${DEMO_PORT:-8000}"
export DEBUG="${DEBUG:-0}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-localhost,127.0.0.1,[::1],$HOST}"
export SITE_URL="${SITE_URL:-http://$HOST:$PORT}"  # the links e-mails carry
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
mkdir -p var/broker/queue var/broker/processed

$PY manage.py migrate --noinput
$PY manage.py import_content
$PY manage.py demo_accounts > var/demo-logins.txt
$PY manage.py collectstatic --noinput >/dev/null

docker_ok=1
docker_help=""
if docker_help="$(bash scripts/ensure-docker.sh 2>&1 | tee /dev/stderr)"; then
  bash scripts/sandbox-image.sh build
else
  docker_ok=0
fi

if [ "$DEBUG" = 1 ] || [ "$DEBUG" = true ]; then
  debug_note="DEBUG=1: errors show Django's debug pages (unset DEBUG for the site's own)."
else
  debug_note="DEBUG is off, so errors show the site's own pages (DEBUG=1 make demo for Django's)."
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "Stopping web and worker..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

$PY -m celery -A config worker -B -Q grading-cpu -c 1 --loglevel INFO \
  --schedule var/celerybeat-schedule > var/worker.log 2>&1 &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" --noreload > var/web.log 2>&1 &
pids+=($!)

for _ in $(seq 1 50); do
  curl -fsS "http://$HOST:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

cat <<MSG

  Backprop is running:  http://$HOST:$PORT/
  Try an exercise:      http://$HOST:$PORT/exercises/matmul-from-scratch/

$(cat var/demo-logins.txt)

  E-mail is not sent: each message (sign-up, password reset, cohort invites) is printed
  into var/web.log, and notifications sent by the worker into var/worker.log
  (EMAIL_BACKEND=$EMAIL_BACKEND).
  $debug_note

  Logs: var/web.log, var/worker.log. Press Ctrl-C to stop web and worker.
MSG
if [ "$docker_ok" = 0 ]; then
  cat <<MSG

  !! No Docker engine answers here, so nothing can be graded yet. The site works;
  !! submissions wait, visibly, as "queued" until a worker with Docker runs them.
MSG
  printf '%s\n' "$docker_help"
fi
wait -n "${pids[@]}"
