#!/usr/bin/env bash
# Build the images of docker-compose.yml without pulling anything: the app image, and
# PostgreSQL and Redis images made from Debian's packages, all on the debootstrapped bookworm
# base the sandbox uses (backprop/debian-base:bookworm, made once by sandbox/images/build.py).
#
#   bash deploy/build-images.sh          # backprop-app, backprop/postgres:15, backprop/redis:7
#
# The .deb files are fetched on this host with apt-get --download-only against the base
# image's own dpkg status, so exactly what the base lacks is fetched (from apt's cache when
# there). The app's wheels are fetched with pip from uv.lock (pip download) into
# var/wheelhouse-app/. Both are reused when unchanged. Docker builds never reach a network.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
BASE="${APP_BASE:-backprop/debian-base:bookworm}"
WORK="$ROOT/var/deploy"
say() { echo "[build-images] $*"; }

if [ "$BASE" = backprop/debian-base:bookworm ]; then
    "$PY" -c 'import docker; from sandbox.images.build import ensure_offline_base; ensure_offline_base(docker.from_env(timeout=600))'
fi

fetch_debs() {  # fetch_debs NAME PACKAGE... → $WORK/NAME/debs holds what BASE lacks
    local name="$1"; shift
    local dir="$WORK/$name" state
    state="$(mktemp -d)"
    mkdir -p "$dir/debs/partial"
    docker run --rm --network none --entrypoint cat "$BASE" /var/lib/dpkg/status > "$state/status"
    # The whole set (an empty archive folder: apt lists every package it would fetch), then
    # seed from apt's own cache so nothing is downloaded twice.
    mkdir -p "$state/none/partial"
    apt-get -o Dir::State::status="$state/status" -o Dir::Cache::archives="$state/none" \
        -o APT::Install-Recommends=false -o Debug::NoLocking=1 \
        --print-uris -y --download-only install "$@" 2>/dev/null \
        | awk '/^\047/ {print $2}' > "$dir/wanted" || true  # 'URI' FILE SIZE HASH
    while read -r file; do
        [ -e "$dir/debs/$file" ] || [ ! -e "/var/cache/apt/archives/$file" ] \
            || cp "/var/cache/apt/archives/$file" "$dir/debs/"
    done < "$dir/wanted"
    apt-get -o Dir::State::status="$state/status" -o Dir::Cache::archives="$dir/debs" \
        -o APT::Install-Recommends=false -o Debug::NoLocking=1 -y -q --download-only install "$@" >/dev/null
    rm -rf "$dir/debs/partial" "$dir/debs/lock" "$state"
    # Only this set: a stale .deb from an older run must not be installed too.
    for deb in "$dir"/debs/*.deb; do
        grep -qxF "$(basename "$deb")" "$dir/wanted" || rm -f "$deb"
    done
    say "$name: $(ls "$dir"/debs/*.deb | wc -l) packages"
}

build_service() {  # build_service NAME TAG PACKAGE...
    local name="$1" tag="$2"; shift 2
    fetch_debs "$name" "$@"
    cp "deploy/$name/"* "$WORK/$name/"
    say "building $tag"
    docker build -q --pull=false --build-arg BASE="$BASE" -t "$tag" "$WORK/$name" >/dev/null
}

build_service postgres backprop/postgres:15 postgresql-15 postgresql-client-15
build_service redis backprop/redis:7 redis-server

# The app: wheels for uv.lock (no dev group), then the image.
WHEELS="$ROOT/var/wheelhouse-app"
mkdir -p "$WHEELS"
REQS="$(mktemp)"
PATH="$HOME/.local/bin:$PATH" uv export --frozen --no-dev --no-hashes --no-emit-project -q -o "$REQS"
if ! cmp -s "$REQS" "$WHEELS/requirements.txt"; then
    say "downloading the app's wheels into $WHEELS"
    # Every pinned line whatever its marker (pip judges markers by the Python running it, not
    # the image's), bar Windows-only ones; the image's pip applies the markers.
    grep -v "sys_platform == 'win32'" "$REQS" | sed 's/ *;.*//' > "$REQS.all"
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.11 \
        --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
        --platform manylinux2014_x86_64 --platform linux_x86_64 --platform any \
        --dest "$WHEELS" -r "$REQS.all"
    rm -f "$REQS.all"
    cp "$REQS" "$WHEELS/requirements.txt"
fi
rm -f "$REQS"
say "building backprop-app"
docker build -q --pull=false --build-arg BASE="$BASE" -t backprop-app . >/dev/null
say "done: backprop-app backprop/postgres:15 backprop/redis:7"
