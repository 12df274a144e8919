#!/usr/bin/env bash
# Prove the GPU path on a GPU machine that has PyTorch but no Docker engine: the in-container
# harness and each GPU exercise's reference and wrong solutions run directly (no container)
# and are judged as a grading would be; prints the device, each check, the metric, the time
# and the peak memory. `--cpu`: the CPU smoke configurations on this machine's CPU.
#
#   scripts/gpu-selfcheck.sh                 # every GPU exercise on device 0
#   scripts/gpu-selfcheck.sh --gpu MIG-…     # on one MIG slice
#   scripts/gpu-selfcheck.sh --cpu mnist-mlp-gpu
#
# TORCH_PYTHON: the Python that runs the harness (must import torch; default: the first of
# python3 / .venv/bin/python that does). HOST_PYTHON: the Python that judges (needs numpy,
# scikit-learn, PyYAML; default .venv/bin/python, else TORCH_PYTHON).
# Never run learner code this way: it is not a sandbox (docs/sandbox.md).
set -euo pipefail
cd "$(dirname "$0")/.."
imports() { "$1" -c "import $2" >/dev/null 2>&1; }
if [ -z "${TORCH_PYTHON:-}" ]; then
  for candidate in python3 .venv/bin/python; do
    if command -v "$candidate" >/dev/null && imports "$candidate" torch; then
      TORCH_PYTHON="$(command -v "$candidate")"
      break
    fi
  done
fi
if [ -z "${TORCH_PYTHON:-}" ]; then
  case " $* " in
    *" --cpu "*) TORCH_PYTHON="$(command -v python3)" ;;  # exercises without torch still run
    *)
      echo "gpu-selfcheck: no Python here imports torch; set TORCH_PYTHON=/path/to/python" >&2
      exit 2
      ;;
  esac
fi
HOST_PYTHON="${HOST_PYTHON:-.venv/bin/python}"
if ! { [ -x "$HOST_PYTHON" ] && imports "$HOST_PYTHON" "numpy, sklearn, yaml"; }; then
  HOST_PYTHON="$TORCH_PYTHON"
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
exec "$HOST_PYTHON" -m worker.gpu_selfcheck --python "$TORCH_PYTHON" "$@"
