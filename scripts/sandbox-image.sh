#!/usr/bin/env bash
# Build the sandbox image if its recipe changed (`make sandbox-image`); prints the tag.
# The logic lives in sandbox/images/build.py; see docs/sandbox.md for the offline path.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
docker info >/dev/null 2>&1 || scripts/start-dockerd.sh
exec "$PYTHON" -m sandbox.images "${1:-build}"
