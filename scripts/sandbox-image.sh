#!/usr/bin/env bash
# Build the sandbox images if their recipes changed (`make sandbox-image`); prints the tags.
# `build` builds both CPU images, the light one (backprop-sandbox) and the deep-learning one
# (backprop-sandbox-dl); `tag` prints the light tag, `tag-dl` / `build-dl` the dl one alone.
# `build-gpu` / `tag-gpu`: the CUDA image (`make sandbox-image-gpu`; never built in CI).
# The logic lives in sandbox/images/build.py; see docs/sandbox.md for the offline path.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
command="${1:-build}"
case "$command" in
  build-gpu | tag-gpu) set -- "${command%-gpu}" --gpu ;;
  build-dl | tag-dl) set -- "${command%-dl}" --dl ;;
  build-light) set -- build ;;
  *) set -- "$command" ;;
esac
if [ "$1" = build ]; then
  docker info >/dev/null 2>&1 || scripts/start-dockerd.sh
fi
if [ "$command" = build ]; then
  "$PYTHON" -m sandbox.images build
  exec "$PYTHON" -m sandbox.images build --dl
fi
exec "$PYTHON" -m sandbox.images "$@"
