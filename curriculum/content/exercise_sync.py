"""Exercise packages (files) → Exercise rows, the catalogue entries the pages and worker use.

Kept apart from `exercise_packages`, which reads the files and imports no Django, so that
the judge (`worker.judge`) can load a package without the ORM.
"""

from django.db import transaction

from curriculum.content.exercise_packages import Package
from curriculum.models import Exercise


@transaction.atomic
def exercise_rows_sync(packages: list[Package]) -> list[str]:
    """Create or update one Exercise per package; archive rows whose package is gone."""
    changes = []
    slugs = set()
    for package in packages:
        slugs.add(package.slug)
        values = {
            "title": package.spec["title"],
            "difficulty": package.spec.get("difficulty", "beginner"),
            "goals": package.spec.get("goals", []),
            "statement": package.statement,
            "entrypoint": package.entrypoint,
            "starter_files": package.starter,
            "device": package.device,
            "points": package.spec.get("points", 10),
            "spec": package.spec,
            "package_hash": package.hash,
            "is_archived": False,
        }
        exercise = Exercise.objects.filter(slug=package.slug).first()
        if exercise is None:
            Exercise.objects.create(slug=package.slug, **values)
            changes.append(f"exercise {package.slug}: created")
        elif exercise.package_hash != package.hash or exercise.is_archived:
            for key, value in values.items():
                setattr(exercise, key, value)
            exercise.save()
            changes.append(f"exercise {package.slug}: updated")
    for exercise in Exercise.objects.filter(is_archived=False).exclude(slug__in=slugs):
        exercise.is_archived = True
        exercise.save(update_fields=["is_archived"])
        changes.append(f"exercise {exercise.slug}: archived (package removed)")
    return changes
