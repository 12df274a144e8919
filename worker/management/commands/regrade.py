"""Regrade every finished submission of an exercise after its grader changed, printing progress."""

from django.core.management.base import BaseCommand, CommandError

from curriculum.models import Exercise
from worker.regrade import regrade_batch_create, regrade_batch_run


class Command(BaseCommand):
    help = (
        "Regrade all finished submissions of EXERCISE; each keeps its previous result in the batch."
    )

    def add_arguments(self, parser):
        parser.add_argument("exercise", help="the exercise slug")

    def handle(self, *args, exercise, **options):
        found = Exercise.objects.filter(slug=exercise).first()
        if found is None:
            raise CommandError(f"unknown exercise: {exercise}")
        batch = regrade_batch_create(exercise=found)
        self.stdout.write(f"regrade batch {batch.pk}: {batch.total} submissions of {exercise}")

        def progress(entry):
            batch.refresh_from_db(fields=["done"])
            before = f"{entry.previous_status} {entry.previous_score}"
            after = f"{entry.new_status} {entry.new_score}" + (
                f" ({entry.problem})" if entry.problem else ""
            )
            self.stdout.write(
                f"[{batch.done}/{batch.total}] submission {entry.submission_id}: {before} → {after}"
            )

        regrade_batch_run(batch, on_progress=progress)
        batch.refresh_from_db()
        self.stdout.write(f"done: {batch.done} regraded, {batch.changed} changed")
