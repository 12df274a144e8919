#!/usr/bin/env bash
# `make demo`: migrate, load content, build the sandbox image if missing, then run web and
# worker together on the embedded defaults (SQLite + a file-system broker under var/).
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST="${DEMO_HOST:-127.0.0.1}"
PORT="${DEMO_PORT:-8000}"
export DEBUG="${DEBUG:-1}"
mkdir -p var/broker/queue var/broker/processed

$PY manage.py migrate --noinput
$PY manage.py import_content
$PY manage.py demo_accounts > var/demo-logins.txt
$PY manage.py collectstatic --noinput >/dev/null

docker_ok=1
if ! docker info >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && [ -x scripts/start-dockerd.sh ] && command -v dockerd >/dev/null; then
    scripts/start-dockerd.sh || true
  fi
fi
if docker info >/dev/null 2>&1; then
  bash scripts/sandbox-image.sh build
else
  docker_ok=0
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

  Logs: var/web.log, var/worker.log. Press Ctrl-C to stop web and worker.
MSG
if [ "$docker_ok" = 0 ]; then
  cat <<MSG

  !! No Docker engine answers here, so nothing can be graded yet. The site works;
  !! submissions wait, visibly, as "queued" until a worker with Docker runs them.
  !! Start Docker (or run: sudo scripts/start-dockerd.sh), then run make demo again.
MSG
fi
wait -n "${pids[@]}"
