#!/usr/bin/env bash
# Refresh sandbox/seccomp_default.json, the moby default seccomp profile our own is built from
# (sandbox/seccomp.py). It comes from Debian's golang-github-docker-docker-dev, the source
# package of the docker.io engine we run (Debian installs no profile file for the engine).
# Needs apt (run `apt-get update` first); prints the version it copied.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE=golang-github-docker-docker-dev
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && apt-get download "$PACKAGE" >/dev/null)
DEB="$(ls "$WORK"/*.deb)"
dpkg-deb -x "$DEB" "$WORK/x"
cp "$WORK/x/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json" \
    sandbox/seccomp_default.json
echo "sandbox/seccomp_default.json from $(dpkg-deb -f "$DEB" Package) $(dpkg-deb -f "$DEB" Version)"
