"""Prove every exercise package in the real sandbox: reference passes, starter and wrong ones fail."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.content.exercise_packages import load_packages, sync_exercises
from courses.models import Exercise
from worker.pipeline import grade_files

SEED = 1234


class Command(BaseCommand):
    help = "Run each exercise's reference (must score 1.0), starter (must not pass) and wrong solutions."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these exercises")

    def handle(self, *args, slugs, **options):
        packages, problems = load_packages(settings.CONTENT_DIR / "exercises")
        if problems:
            raise CommandError("\n".join(str(p) for p in problems))
        sync_exercises(packages)  # idempotent: the rows match the files we are about to check
        if slugs:
            unknown = set(slugs) - {p.slug for p in packages}
            if unknown:
                raise CommandError(f"unknown exercises: {', '.join(sorted(unknown))}")
            packages = [p for p in packages if p.slug in slugs]
        tally = {"references": 0, "starters": 0, "wrong": 0}
        misses = []
        for package in packages:
            exercise = Exercise.objects.get(slug=package.slug)
            misses += self._check_one(exercise, package, tally)
        total_wrong = sum(len(p.wrong_solutions()) for p in packages)
        summary = (
            f"{len(packages)} exercises: {tally['references']} references passed, "
            f"{tally['starters']} starters failed, {tally['wrong']} wrong solutions rejected"
        )
        if misses:
            self.stdout.write("\n".join(misses))
            self.stdout.write(summary + f" (of {total_wrong})")
            raise CommandError(f"{len(misses)} problem(s)")
        self.stdout.write(summary)

    def _check_one(self, exercise, package, tally) -> list[str]:
        misses = []
        labels = {"backprop.selfcheck": package.slug}
        result, _ = grade_files(exercise, package, dict(package.reference), seed=SEED, labels=labels)
        if result["score"] == 1.0 and result["status"] == "pass":
            tally["references"] += 1
            self.stdout.write(f"ok   {package.slug}: reference scores 1.0")
        else:
            misses.append(f"MISS {package.slug}: reference scored {result['score']}: {_failing(result)}")
        result, _ = grade_files(exercise, package, dict(package.starter), seed=SEED, labels=labels)
        if result["status"] != "pass":
            tally["starters"] += 1
            self.stdout.write(f"ok   {package.slug}: starter does not pass ({result['score']})")
        else:
            misses.append(f"MISS {package.slug}: the starter passes")
        for name, files, targets in package.wrong_solutions():
            result, _ = grade_files(exercise, package, files, seed=SEED, labels=labels)
            failed = {c["id"]: c for c in result["checks"] if c["status"] != "pass"}
            if set(targets) <= set(failed) and result["status"] != "pass":
                tally["wrong"] += 1
                said = failed[targets[0]]["message"]
                self.stdout.write(f"ok   {package.slug}: wrong/{name} fails {', '.join(targets)}: {said[:160]}")
            else:
                misses.append(f"MISS {package.slug}: wrong/{name} should fail {targets}, failed {sorted(failed)}")
        return misses


def _failing(result: dict) -> str:
    return "; ".join(f"{c['id']}: {c['message']}" for c in result["checks"] if c["status"] != "pass")
