"""Prove every exercise package in the real sandbox: reference passes, starter and wrong ones fail.

Each package's reference run (the expected values) happens first, in this thread, since it reads
and stores the cached outputs; then its reference, starter and wrong solutions are graded in a
pool, since judging needs no database. The next package's reference run starts while the last
one's candidates are still running, and never more than `--jobs` sandbox runs at a time.
Results are printed package by package, in order.
"""

import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from curriculum.content.exercise_packages import Package, load_packages
from curriculum.content.exercise_sync import exercise_rows_sync
from curriculum.models import Exercise
from worker.pipeline import grade_prepared, prepare_grading
from worker.reference import ReferenceBroken

SEED = 1234


class Command(BaseCommand):
    help = "Run each exercise's reference (must score 1.0), starter (must not pass) and wrong solutions."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these exercises")
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="sandbox runs at a time (default: 2, or 1 on a single CPU)",
        )
        parser.add_argument(
            "--cpu-smoke",
            action="store_true",
            help="check GPU exercises in their CPU smoke configuration (the default on a "
            "machine whose SANDBOX_GPU_IDS is empty)",
        )

    def handle(self, *args, slugs, jobs, cpu_smoke=False, **options):
        self.jobs = max(1, jobs)
        smoke = cpu_smoke or not settings.SANDBOX_GPU_IDS
        started = time.monotonic()
        packages, problems = load_packages(settings.CONTENT_DIR / "exercises")
        if problems:
            raise CommandError("\n".join(str(p) for p in problems))
        exercise_rows_sync(packages)  # idempotent: the rows match the files we are about to check
        if slugs:
            unknown = set(slugs) - {p.slug for p in packages}
            if unknown:
                raise CommandError(f"unknown exercises: {', '.join(sorted(unknown))}")
            packages = [p for p in packages if p.slug in slugs]
        if smoke:  # no GPU here: a GPU exercise is proven in its CPU smoke configuration
            packages = [p.cpu_smoke() if p.device == "gpu" else p for p in packages]
        tally = {"references": 0, "starters": 0, "wrong": 0}
        misses: list[str] = []
        slots = threading.BoundedSemaphore(self.jobs)

        def graded(prepared, files) -> dict:
            labels = {"backprop.selfcheck": prepared.package.slug}
            with slots:
                return grade_prepared(prepared, files, labels=labels)[0]

        # (package, why its reference would not run, its candidates' grades), in order
        pending: list[tuple[Package, str | None, list[Future]]] = []
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            for package in packages:
                exercise = Exercise.objects.get(slug=package.slug)
                try:
                    with slots:
                        prepared = prepare_grading(exercise, package, seed=SEED)
                except ReferenceBroken as exc:
                    pending.append((package, f"MISS {package.slug}: {exc}", []))
                    continue
                candidates = [dict(package.reference), dict(package.starter)]
                candidates += [files for _, files, _ in package.wrong_solutions()]
                pending.append(
                    (package, None, [pool.submit(graded, prepared, c) for c in candidates])
                )
                while pending and all(f.done() for f in pending[0][2]):
                    misses += self._report(*pending.pop(0), tally)
            for package, broken, futures in pending:
                misses += self._report(package, broken, futures, tally)
        total_wrong = sum(len(p.wrong_solutions()) for p in packages)
        summary = (
            f"{len(packages)} exercises: {tally['references']} references passed, "
            f"{tally['starters']} starters failed, {tally['wrong']} wrong solutions rejected"
        )
        elapsed = f" in {time.monotonic() - started:.0f} s"
        if misses:
            self.stdout.write("\n".join(misses))
            self.stdout.write(summary + f" (of {total_wrong}){elapsed}")
            raise CommandError(f"{len(misses)} problem(s)")
        self.stdout.write(summary + elapsed)

    def _report(
        self, package: Package, broken: str | None, futures: list[Future], tally
    ) -> list[str]:
        """Print one package's outcome; the lines that are problems come back."""
        if broken:  # its reference would not run: nothing was graded
            return [broken]
        results = [f.result() for f in futures]
        misses = []
        reference, starter, wrong = results[0], results[1], results[2:]
        if reference["score"] == 1.0 and reference["status"] == "pass":
            tally["references"] += 1
            note = " (CPU smoke configuration)" if package.is_cpu_smoke else ""
            self.stdout.write(f"ok   {package.slug}: reference scores 1.0{note}")
        else:
            misses.append(
                f"MISS {package.slug}: reference scored {reference['score']}: {_failing(reference)}"
            )
        if starter["status"] != "pass":
            tally["starters"] += 1
            self.stdout.write(f"ok   {package.slug}: starter does not pass ({starter['score']})")
        else:
            misses.append(f"MISS {package.slug}: the starter passes")
        for (name, _, targets), result in zip(package.wrong_solutions(), wrong, strict=True):
            failed = {c["id"]: c for c in result["checks"] if c["status"] != "pass"}
            if set(targets) <= set(failed) and result["status"] != "pass":
                tally["wrong"] += 1
                said = failed[targets[0]]["message"]
                self.stdout.write(
                    f"ok   {package.slug}: wrong/{name} fails {', '.join(targets)}: {said[:160]}"
                )
            else:
                misses.append(
                    f"MISS {package.slug}: wrong/{name} should fail {targets}, failed {sorted(failed)}"
                )
        return misses


def _failing(result: dict) -> str:
    return "; ".join(
        f"{c['id']}: {c['message']}" for c in result["checks"] if c["status"] != "pass"
    )
