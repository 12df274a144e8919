#!/usr/bin/env bash
# Start a Docker engine on a machine without systemd (CI, dev VMs). Idempotent.
#
# When gVisor's runsc is installed, it is merged into /etc/docker/daemon.json as the
# runtime "runsc" with `--network=none` (other keys and runtimes are kept). Sandbox
# containers never have a network, and this runsc (Debian's 2022 build) otherwise refuses
# to start on kernels where every network namespace has /proc/sys/net/core/rmem_default:
# "cannot run with network enabled in root network namespace". If the file changed and an
# engine is already running, it is told to reload (SIGHUP: runtimes are reloadable), and
# restarted only if the runtime still does not show up.
set -euo pipefail

DAEMON_JSON="${DOCKER_DAEMON_JSON:-/etc/docker/daemon.json}"

register_runsc() {
    # Prints "changed" when the file was rewritten.
    local runsc="$1"
    mkdir -p "$(dirname "$DAEMON_JSON")"
    python3 - "$DAEMON_JSON" "$runsc" <<'PY'
import json, os, sys

path, runsc = sys.argv[1], sys.argv[2]
config = {}
if os.path.exists(path) and os.path.getsize(path) > 0:
    with open(path) as handle:
        config = json.load(handle)
wanted = {"path": runsc, "runtimeArgs": ["--network=none"]}
runtimes = config.setdefault("runtimes", {})
if runtimes.get("runsc") != wanted:
    runtimes["runsc"] = wanted
    with open(path + ".tmp", "w") as handle:
        json.dump(config, handle, indent=2)
        handle.write("\n")
    os.replace(path + ".tmp", path)
    print("changed")
PY
}

runsc_registered() {
    docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'
}

wait_for_engine() {
    for _ in $(seq 1 60); do
        if docker info >/dev/null 2>&1; then
            return 0
        fi
        sleep 1
    done
    echo "dockerd did not answer within 60 s; see /var/log/dockerd.log" >&2
    tail -n 20 /var/log/dockerd.log >&2 || true
    return 1
}

start_engine() {
    echo "starting dockerd (logs: /var/log/dockerd.log)"
    nohup dockerd >>/var/log/dockerd.log 2>&1 &
    wait_for_engine
    echo "docker engine is up"
}

CHANGED=""
RUNSC="$(command -v runsc || true)"
if [ -n "$RUNSC" ]; then
    CHANGED="$(register_runsc "$RUNSC")"
    [ -n "$CHANGED" ] && echo "registered runsc ($RUNSC --network=none) in $DAEMON_JSON"
fi

if ! docker info >/dev/null 2>&1; then
    start_engine
elif [ -n "$CHANGED" ]; then
    PID="$(pgrep -x dockerd | head -n 1 || true)"
    if [ -n "$PID" ]; then
        echo "docker engine already running; reloading its configuration"
        kill -HUP "$PID"
        sleep 2
    fi
    if ! runsc_registered; then
        if [ -z "$PID" ]; then
            echo "runsc is not registered and dockerd is not ours to restart; restart it by hand" >&2
            exit 1
        fi
        echo "runsc still missing after the reload; restarting dockerd"
        kill "$PID"
        for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
        start_engine
    fi
else
    echo "docker engine already running"
fi

if [ -n "$RUNSC" ] && ! runsc_registered; then
    echo "warning: runsc is installed but the engine does not list it" >&2
fi
