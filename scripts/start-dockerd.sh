#!/usr/bin/env bash
# Start a Docker engine on a machine without systemd (CI, dev VMs). Idempotent:
# if `docker info` already answers, nothing is done. Registers gVisor's runsc
# as an extra runtime when it is installed, so `runtime="runsc"` jobs can run.
set -euo pipefail

if docker info >/dev/null 2>&1; then
    echo "docker engine already running"
    exit 0
fi

RUNSC="$(command -v runsc || true)"
if [ -n "$RUNSC" ] && [ ! -s /etc/docker/daemon.json ]; then
    mkdir -p /etc/docker
    printf '{"runtimes": {"runsc": {"path": "%s"}}}\n' "$RUNSC" > /etc/docker/daemon.json
    echo "registered runsc runtime at $RUNSC in /etc/docker/daemon.json"
fi

echo "starting dockerd (logs: /var/log/dockerd.log)"
nohup dockerd >>/var/log/dockerd.log 2>&1 &

for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
        echo "docker engine is up"
        exit 0
    fi
    sleep 1
done
echo "dockerd did not answer within 60 s; see /var/log/dockerd.log" >&2
tail -n 20 /var/log/dockerd.log >&2 || true
exit 1
