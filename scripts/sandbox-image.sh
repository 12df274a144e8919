#!/usr/bin/env bash
# Build the sandbox image if its recipe changed (`make sandbox-image`); prints the tag.
# `build-gpu` / `tag-gpu`: the CUDA image (`make sandbox-image-gpu`; never built in CI).
# The logic lives in sandbox/images/build.py; see docs/sandbox.md for the offline path.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
command="${1:-build}"
case "$command" in
  build-gpu | tag-gpu) set -- "${command%-gpu}" --gpu ;;
  *) set -- "$command" ;;
esac
if [ "$1" = build ]; then
  docker info >/dev/null 2>&1 || scripts/start-dockerd.sh
fi
exec "$PYTHON" -m sandbox.images "$@"
