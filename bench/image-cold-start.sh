#!/usr/bin/env bash
# Cold start of the sandbox images: a fresh container per run (`docker run --rm`, no network),
# the whole run's wall time for `python3 -c "import <module>"`, best of N (default 3).
# Usage: bash bench/image-cold-start.sh [N]   (builds nothing: run `make sandbox-image` first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
PYTHON="${PYTHON:-.venv/bin/python}"
light="$("$PYTHON" -m sandbox.images tag)"
dl="$("$PYTHON" -m sandbox.images tag --dl)"
best() {  # best wall time of $runs fresh containers running: python3 -c "$2" in image $1
  local image="$1" code="$2" best="" start ms
  for _ in $(seq "$runs"); do
    start="$(date +%s%N)"
    docker run --rm --network none "$image" python3 -c "$code" >/dev/null 2>&1 || return 1
    ms=$((($(date +%s%N) - start) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best="$ms"; fi
  done
  printf '%d.%d s' $((best / 1000)) $((best % 1000 / 100))
}
for image in "$light" "$dl"; do
  size="$(docker image inspect --format '{{.Size}}' "$image" | awk '{printf "%.2f GB", $1 / 1e9}')"
  echo "$image  size $size"
  echo "  python3 -c pass:          $(best "$image" pass)"
  echo "  import torch:             $(best "$image" 'import torch')"
  if [ "$image" = "$dl" ]; then
    echo "  import transformers:      $(best "$image" 'import transformers')"
    echo "  transformers + AutoModel: $(best "$image" 'from transformers import AutoModelForSequenceClassification')"
  fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
