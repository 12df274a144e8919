"""``scripts/gpu-selfcheck.sh``: prove the GPU exercises and the harness on this machine's GPU.

For a GPU machine with PyTorch and no Docker engine: each GPU exercise's reference solution
and wrong solutions run through the in-container harness directly (``sandbox.direct``, no
container), and are judged by the worker's own judge, as a grading would. It prints the
device, each check's outcome, the metric, the time and the peak memory. With ``--cpu`` it
runs the exercises' CPU smoke configurations on this machine's CPU (what CI proves inside
the sandbox image), so it can be tested where there is no GPU.

No Django and no database: the reference run's outputs are kept in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from curriculum.content.exercise_packages import Package, load_packages
from sandbox.direct import run_direct
from sandbox.gpu import parse_gpu_ids
from sandbox.harness import codec
from sandbox.job import Job
from sandbox.limits import DEFAULTS

from .judge.cases import grader_expectations, load_grader, version_seed
from .judge.grade import Observation, judge
from .judge.plan import build_plan, helper_files

REPO = Path(__file__).resolve().parents[1]
SEED = 1234


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/gpu-selfcheck.sh")
    parser.add_argument("slugs", nargs="*", help="only these exercises (default: every GPU one)")
    parser.add_argument("--cpu", action="store_true", help="CPU smoke configurations, no GPU")
    parser.add_argument("--python", default=sys.executable, help="a Python that imports torch")
    parser.add_argument("--gpu", default="0", help="the device index or MIG UUID to use")
    parser.add_argument("--json", dest="json_path", help="also write the results here")
    parser.add_argument(
        "--exercises", default=str(REPO / "content" / "exercises"), help="the packages' folder"
    )
    args = parser.parse_args(argv)
    gpu_ids = () if args.cpu else parse_gpu_ids(args.gpu)
    probe = _device(args.python, gpu_ids)
    print(f"device: {probe}")
    if not args.cpu and not probe.startswith("cuda"):
        print("no CUDA device answers; run with --cpu for the CPU smoke configurations")
        return 2
    packages, problems = load_packages(Path(args.exercises))
    if problems:
        print("\n".join(str(p) for p in problems))
        return 2
    chosen = [p for p in packages if p.device == "gpu" and (not args.slugs or p.slug in args.slugs)]
    if not chosen:
        print("no GPU exercise matches")
        return 2
    misses, rows = 0, []
    for package in chosen:
        if args.cpu:
            package = package.cpu_smoke()
        missed, report = check_package(package, python=args.python, gpu_ids=gpu_ids)
        misses += missed
        rows.append(report)
    if args.json_path:
        Path(args.json_path).write_text(json.dumps({"device": probe, "exercises": rows}, indent=1))
    wrong = sum(max(0, len(r["candidates"]) - 2) for r in rows)
    print(f"{len(rows)} GPU exercises, {wrong} wrong solutions: {misses} problem(s)")
    return 1 if misses else 0


def _device(python: str, gpu_ids: tuple[str, ...]) -> str:
    """What the harness's Python sees: `cuda: <name>, driver …, CUDA …` or `cpu (…)`."""
    code = (
        "try:\n"
        "    import torch\n"
        "except ImportError as error:\n"
        "    raise SystemExit(print('cpu (no torch:', error, ')'))\n"
        "if torch.cuda.is_available():\n"
        "    print('cuda:', torch.cuda.get_device_name(0), '| torch', torch.__version__,"
        " '| CUDA', torch.version.cuda)\n"
        "else:\n"
        "    print('cpu (no CUDA device) | torch', torch.__version__)\n"
    )
    from sandbox.gpu import direct_environment

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **direct_environment(gpu_ids)}
    try:
        out = subprocess.run(
            [python, "-c", code], capture_output=True, text=True, timeout=120, env=env, check=False
        )
    except OSError as error:
        return f"none ({python}: {error})"
    text = out.stdout.strip() or (out.stderr.strip().splitlines() or ["?"])[-1]
    if text.startswith("cuda") and shutil.which("nvidia-smi"):
        smi = subprocess.run(
            ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        text += f" | driver {smi[0]}" if smi else ""
    return text


def check_package(package: Package, *, python: str, gpu_ids: tuple[str, ...]) -> tuple[int, dict]:
    """Reference (must score 1.0) and each wrong solution (must fail its checks), printed."""
    print(f"\n{package.slug}" + (" (CPU smoke configuration)" if package.is_cpu_smoke else ""))
    limits = DEFAULTS.with_overrides(package.spec.get("limits", {}))
    plan = build_plan(package, seed=SEED, wall_seconds=limits.wall_seconds)
    reference_plan = build_plan(
        package, seed=SEED, wall_seconds=limits.wall_seconds, for_reference=True
    )
    files = {**package.reference, **package.oracle}
    reference_run = _run(package, files, reference_plan, version_seed(package), python, gpu_ids)
    if reference_run.result is None or reference_run.exit_reason != "ok":
        steps = ", ".join(
            f"{s['id']} {s.get('status')} {s.get('message') or s.get('exception') or ''}"
            for s in reference_run.steps
            if s.get("status") != "ok"
        )
        print(
            f"  MISS reference run ended {reference_run.exit_reason} ({steps}): {_tail(reference_run)}"
        )
        return 1, {"slug": package.slug, "candidates": [], "error": reference_run.exit_reason}
    reference = {s["id"]: {**s, "value": codec.decode(s.get("value"))} for s in reference_run.steps}
    reference.update(grader_expectations(package, plan, load_grader(package)))
    candidates: list[tuple[str, dict[str, str], list[str] | None]] = [
        ("reference", dict(package.reference), None)
    ]
    candidates += [("starter", dict(package.starter), [])]
    candidates += [(f"wrong/{n}", files, fails) for n, files, fails in package.wrong_solutions()]
    misses, rows = 0, []
    for name, files, fails in candidates:
        started = time.monotonic()
        run = _run(package, files, plan, SEED, python, gpu_ids)
        result = judge(
            package=package,
            plan=plan,
            sources=files,
            learner=Observation.from_run(run),
            reference=reference,
            seed=SEED,
            limits=limits.as_dict(),
        )
        failed = {c["id"] for c in result["checks"] if c["status"] != "pass"}
        if fails is None:
            ok = result["status"] == "pass" and result["score"] == 1.0
        else:
            ok = set(fails) <= failed and result["status"] != "pass"
        misses += not ok
        row = _print_candidate(name, ok, result, run, time.monotonic() - started)
        rows.append(row)
    return misses, {"slug": package.slug, "candidates": rows}


def _run(package: Package, files: dict[str, str], plan: dict, seed: int, python: str, gpu_ids):
    payload = {name: text.encode() for name, text in {**files, **helper_files(package)}.items()}
    payload.update(package.data)
    job = Job(
        image="direct",
        files=payload,
        plan=plan,
        limits=DEFAULTS.with_overrides(package.spec.get("limits", {})),
        seed=seed,
        device=package.device,
        gpu_ids=gpu_ids[:1] if package.device == "gpu" and gpu_ids else None,
    )
    return run_direct(job, python=python, gpu_ids=gpu_ids[:1])


def _print_candidate(name: str, ok: bool, result: dict, run, seconds: float) -> dict:
    gpu = (result.get("resources") or {}).get("gpu") or {}
    peak = gpu.get("peak_memory_bytes")
    memory = (
        f"peak GPU memory {peak / 2**20:.0f} MiB"
        if peak
        else f"peak RSS {(run.peak_memory_bytes or 0) / 2**20:.0f} MiB"
    )
    on_device = f", {gpu['device_seconds']:.2f} s on {gpu.get('name')}" if gpu else ""
    print(
        f"  {'ok  ' if ok else 'MISS'} {name}: {result['status']} {result['score']:.2f}"
        f" in {seconds:.1f} s ({memory}{on_device})"
    )
    for check in result["checks"]:
        metric = (result.get("metrics") or {}).get(check["id"]) or {}
        value = f" = {metric['value']:.4f}" if metric.get("value") is not None else ""
        print(f"       {check['status']:<5} {check['id']}{value}: {check['message'][:150]}")
    return {
        "name": name,
        "ok": ok,
        "status": result["status"],
        "score": result["score"],
        "seconds": round(seconds, 2),
        "checks": {c["id"]: c["status"] for c in result["checks"]},
        "metrics": {k: v.get("value") for k, v in (result.get("metrics") or {}).items()},
        "resources": result.get("resources"),
    }


def _tail(run) -> str:
    return (run.harness_error or run.stderr or run.diagnostics.get("harness_stderr", ""))[-600:]


if __name__ == "__main__":
    sys.exit(main())
