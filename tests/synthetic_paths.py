"""Generated learning paths of any size, for page benchmarks and query-count tests.

`make_path(n, size=...)` writes one complete path (phases, units, nested topics,
readings, exercises, resources, skills, traps, outcomes, glossary, call to action)
with bulk inserts, so 200 paths take seconds. `python -m tests.synthetic_paths 200`
seeds the database named by DATABASE_URL.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass

WORDS = (
    "gradient tensor attention embedding convolution regression kernel bayesian entropy "
    "optimizer dropout batch normalization transformer pipeline feature deployment latency "
    "quantization retrieval clustering boosting sampling inference monitoring drift"
).split()


@dataclass(frozen=True)
class Size:
    phases: int = 2
    units_per_phase: int = 2
    topics_per_unit: int = 2
    subtopics_per_topic: int = 2
    exercises_per_unit: int = 1
    resources: int = 3
    skills: int = 3


SMALL = Size()
LARGE = Size(
    phases=6,
    units_per_phase=6,
    topics_per_unit=5,
    subtopics_per_topic=4,
    exercises_per_unit=3,
    resources=25,
    skills=14,
)


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def make_path(n: int, size: Size = SMALL, *, exercise=None, seed: int | None = None):
    """Create generated path number `n` (slug `generated-<n>`); `exercise` is linked autograded."""
    from curriculum.models import (
        CallToAction,
        GlossaryTerm,
        Outcome,
        Path,
        PathResource,
        Phase,
        Resource,
        Skill,
        Tag,
        Topic,
        Trap,
        Unit,
        UnitExercise,
        UnitReading,
    )

    rng = random.Random(n if seed is None else seed)
    level = Path.Level.values[n % 4]
    weeks = size.phases * size.units_per_phase
    path = Path.objects.create(
        slug=f"generated-{n}",
        title=f"Generated path {n}: {_words(rng, 3).title()}",
        tagline=_words(rng, 10),
        level=level,
        duration=f"{weeks} weeks",
        duration_weeks=weeks,
        weekly_hours_min=5 + n % 5,
        weekly_hours_max=10 + n % 5,
        total_hours=weeks * 10,
        audience=[_words(rng, 6) for _ in range(2)],
        prerequisites=[_words(rng, 5)],
        summary=_words(rng, 40),
        rationale=_words(rng, 30),
        unit_label="Week",
    )
    tags = [Tag.objects.get_or_create(slug=f"tag-{(n + i) % 12}")[0] for i in range(3)]
    path.tags.set(tags)
    resources = Resource.objects.bulk_create(
        Resource(
            slug=f"gen-{n}-res-{i}",
            kind=Resource.Kind.values[i % 8],
            title=f"{_words(rng, 3).title()} {n}.{i}",
            authors="A. Author",
            url=f"https://example.org/{n}/{i}",
            summary=_words(rng, 15),
        )
        for i in range(size.resources)
    )
    PathResource.objects.bulk_create(
        PathResource(
            path=path, resource=r, position=i, why=_words(rng, 8), where="Week 1", unit_numbers=[1]
        )
        for i, r in enumerate(resources)
    )
    phases = Phase.objects.bulk_create(
        Phase(
            path=path,
            number=p + 1,
            position=p,
            title=_words(rng, 2).title(),
            summary=_words(rng, 12),
            period=f"Weeks {p * size.units_per_phase + 1}-{(p + 1) * size.units_per_phase}",
        )
        for p in range(size.phases)
    )
    units = Unit.objects.bulk_create(
        Unit(
            path=path,
            phase=phase,
            number=p * size.units_per_phase + u + 1,
            position=p * size.units_per_phase + u,
            title=_words(rng, 3).title(),
            goal=_words(rng, 20),
            why_now=_words(rng, 12),
            duration="1 week",
            estimated_hours=10,
            milestone=_words(rng, 12),
        )
        for p, phase in enumerate(phases)
        for u in range(size.units_per_phase)
    )
    tops = Topic.objects.bulk_create(
        Topic(
            unit=unit,
            number=f"{unit.number}.{t + 1}",
            position=t,
            title=_words(rng, 4).title(),
            depth=0,
        )
        for unit in units
        for t in range(size.topics_per_unit)
    )
    Topic.objects.bulk_create(
        Topic(
            unit_id=top.unit_id,
            parent=top,
            number=f"{top.number}.{s + 1}",
            position=s,
            depth=1,
            title=_words(rng, 5),
        )
        for top in tops
        for s in range(size.subtopics_per_topic)
    )
    UnitReading.objects.bulk_create(
        UnitReading(unit=unit, resource=resources[i % len(resources)], note=_words(rng, 6))
        for i, unit in enumerate(units)
        if resources
    )
    UnitExercise.objects.bulk_create(
        UnitExercise(
            unit=unit,
            position=e,
            title=f"Build {_words(rng, 3)}",
            summary=_words(rng, 12),
            kind="project" if e == 2 else "exercise",
            exercise=exercise if e == 0 else None,
        )
        for unit in units
        for e in range(size.exercises_per_unit)
    )
    skills = Skill.objects.bulk_create(
        Skill(
            path=path,
            slug=f"skill-{s}",
            position=s,
            title=f"{_words(rng, 2).title()} skill {s}",
            summary=_words(rng, 10),
        )
        for s in range(size.skills)
    )
    Through = Skill.requires.through
    Through.objects.bulk_create(  # a chain plus a second parent every third skill
        [Through(from_skill=skills[s], to_skill=skills[s - 1]) for s in range(1, len(skills))]
        + [Through(from_skill=skills[s], to_skill=skills[s - 3]) for s in range(3, len(skills), 3)]
    )
    Trap.objects.bulk_create(
        Trap(
            path=path,
            position=i,
            title=_words(rng, 3),
            why=_words(rng, 10),
            correction=_words(rng, 10),
        )
        for i in range(2)
    )
    Outcome.objects.bulk_create(
        Outcome(path=path, position=i, text=_words(rng, 10)) for i in range(3)
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            path=path, position=i, term=_words(rng, 1).title() + f" {i}", definition=_words(rng, 15)
        )
        for i in range(3)
    )
    CallToAction.objects.create(
        path=path, kind="mentorship", title="Work with a mentor", text=_words(rng, 20)
    )
    return path


def seed(count: int, size: Size = SMALL) -> int:
    """Create `count` generated paths unless they already exist; returns how many were made."""
    from django.db import transaction

    from curriculum.models import Path

    made = 0
    for n in range(count):
        if Path.objects.filter(slug=f"generated-{n}").exists():
            continue
        with transaction.atomic():
            make_path(n, LARGE if n % 10 == 0 else size)
        made += 1
    return made


if __name__ == "__main__":
    import django

    django.setup()
    print(f"created {seed(int(sys.argv[1]) if len(sys.argv) > 1 else 200)} generated paths")
