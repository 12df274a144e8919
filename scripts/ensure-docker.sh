#!/usr/bin/env bash
# Make a Docker engine answer for `make demo`, or say exactly what to install.
#
# - An engine answers: nothing to do.
# - dockerd is installed and we are root: start it (scripts/start-dockerd.sh, as .ci/run does).
# - Docker is missing, we are root and apt-get exists: install Debian's docker.io, then start
#   it. With CI=true this happens without a question; with a terminal attached it asks first;
#   with neither it only prints the command.
# - Otherwise (not root, no apt-get): print what to install and how to start it.
# ENSURE_DOCKER_DRY_RUN=1 prints each command instead of running it (the tests use this).
# Exit status: 0 when an engine answers (or would, in a dry run), 1 when it does not.
set -uo pipefail
cd "$(dirname "$0")/.."

DRY="${ENSURE_DOCKER_DRY_RUN:-0}"
run() {
  if [ "$DRY" = 1 ]; then echo "would run: $*"; else "$@"; fi
}
engine_answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }
say() { echo "  $*"; }

if engine_answers; then
  exit 0
fi

root=0; [ "$(id -u)" = 0 ] && root=1
has_apt=0; command -v apt-get >/dev/null 2>&1 && has_apt=1

if command -v dockerd >/dev/null 2>&1; then
  if [ "$root" = 1 ]; then
    say "Starting the Docker engine (scripts/start-dockerd.sh)..."
    run bash scripts/start-dockerd.sh || true
    [ "$DRY" = 1 ] && exit 0
    engine_answers && exit 0
    say "!! dockerd did not start; see /var/log/dockerd.log."
    exit 1
  fi
  say "!! Docker is installed but no engine answers. Start it as root:"
  say "     sudo bash scripts/start-dockerd.sh      (or: sudo systemctl start docker)"
  say "   and let your user reach it:  sudo usermod -aG docker \"$USER\"  (then log in again)"
  exit 1
fi

if [ "$root" = 1 ] && [ "$has_apt" = 1 ]; then
  install=1
  if [ "${CI:-}" = true ]; then
    say "CI=true: installing the Docker engine with apt-get (docker.io)..."
  elif [ -t 0 ]; then
    read -r -p "  No Docker engine here. Install Debian's docker.io with apt-get now? [Y/n] " reply
    case "$reply" in [nN]*) install=0 ;; esac
  else
    install=0  # no terminal to ask and not CI: never install unasked
  fi
  if [ "$install" = 1 ]; then
    export DEBIAN_FRONTEND=noninteractive
    run apt-get update -q
    run apt-get install -y -q docker.io
    run bash scripts/start-dockerd.sh || true
    [ "$DRY" = 1 ] && exit 0
    engine_answers && exit 0
    say "!! The Docker engine was installed but does not answer; see /var/log/dockerd.log."
    exit 1
  fi
  say "!! No Docker engine, so nothing can be graded. To install and start one, run:"
  say "     apt-get update && apt-get install -y docker.io && bash scripts/start-dockerd.sh"
  say "   then run make demo again (or run make demo from a terminal and answer yes)."
  exit 1
fi

say "!! No Docker engine, so nothing can be graded. Install one, then run make demo again:"
if [ "$has_apt" = 1 ]; then
  say "     sudo apt-get update && sudo apt-get install -y docker.io"
  say "     sudo bash scripts/start-dockerd.sh      (or: sudo systemctl start docker)"
  say "     sudo usermod -aG docker \"$USER\"         (then log in again)"
else
  say "     Docker Engine for your system: https://docs.docker.com/engine/install/"
  say "     (on macOS or Windows: Docker Desktop), then start it."
fi
exit 1
