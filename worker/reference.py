"""Expected values: the reference solution run once per package version, cached in the DB."""

from __future__ import annotations

from django.db import IntegrityError

from curriculum.content.exercise_packages import Package
from curriculum.models import Exercise
from worker.models import ReferenceRun

from .judge.cases import version_seed
from .sandbox_jobs import run_files


class ReferenceBroken(RuntimeError):
    """The reference solution did not run cleanly: our fault, never the learner's."""


def reference_outputs(exercise: Exercise, package: Package, plan: dict) -> dict[str, dict]:
    """`plan` is the reference plan (oracle calls substituted); the oracle files ride along."""
    cached = ReferenceRun.objects.filter(exercise=exercise, package_hash=package.hash).first()
    if cached is not None:
        return cached.outputs
    files = {**package.reference, **package.oracle}
    run = run_files(
        package,
        files,
        plan=plan,
        seed=version_seed(package),
        labels={"backprop.reference": package.slug},
    )
    if run.result is None or run.exit_reason != "ok":
        steps = ", ".join(
            f"{step['id']} {step.get('status')} after {step.get('seconds')} s"
            for step in (run.result or {}).get("steps", [])
            if step.get("status") != "ok"
        )
        raise ReferenceBroken(
            f"reference run of {package.slug} ended with {run.exit_reason}"
            f"{' (' + steps + ')' if steps else ''}: {run.stderr[-500:]}"
        )
    outputs = {step["id"]: step for step in run.result.get("steps", [])}
    broken = [sid for sid, step in outputs.items() if step.get("status") not in {"ok", "raised"}]
    if broken:
        raise ReferenceBroken(f"reference of {package.slug} failed steps {broken}")
    try:
        ReferenceRun.objects.create(exercise=exercise, package_hash=package.hash, outputs=outputs)
    except IntegrityError:  # another worker cached it first; theirs is identical
        pass
    return outputs
