"""A small two-week path for the learner tests: topics, a reading, the matmul exercise, a project, skills."""

from courses.models import Path, Phase, Resource, Skill, Topic, Unit, UnitExercise, UnitReading


def make_path(matmul=None, slug="two-weeks", units=2) -> Path:
    path = Path.objects.create(
        slug=slug,
        title="Two weeks of ML",
        level="beginner",
        duration=f"{units} weeks",
        duration_weeks=units,
        weekly_hours_min=6,
        weekly_hours_max=10,
    )
    phase = Phase.objects.create(path=path, number=1, title="Foundations")
    previous = None
    for n in range(1, units + 1):
        unit = Unit.objects.create(
            path=path, phase=phase, number=n, title=f"Week {n} topic", estimated_hours=8, position=n
        )
        Topic.objects.create(unit=unit, number=f"{n}.1", title=f"Idea {n}.1", position=1)
        Topic.objects.create(unit=unit, number=f"{n}.2", title=f"Idea {n}.2", position=2)
        resource, _ = Resource.objects.get_or_create(
            slug=f"book-{n}", defaults={"kind": "book", "title": f"Book {n}"}
        )
        UnitReading.objects.create(unit=unit, resource=resource, position=1)
        if n == 1 and matmul is not None:
            UnitExercise.objects.create(
                unit=unit, title="Matrix multiplication", exercise=matmul, position=1
            )
        UnitExercise.objects.create(unit=unit, title=f"Write-up {n}", position=2)  # no autograder
        UnitExercise.objects.create(unit=unit, title=f"Project {n}", kind="project", position=3)
        skill = Skill.objects.create(path=path, slug=f"skill-{n}", title=f"Skill {n}", position=n)
        if previous:
            skill.requires.add(previous)
        previous = skill
    return path
