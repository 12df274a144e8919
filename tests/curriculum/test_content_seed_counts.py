"""After importing the real content/, each path's live rows match the counts derived from its seed."""

import importlib.util
from pathlib import Path

import pytest

from curriculum.content.paths_import import content_import
from curriculum.content.report import path_counts
from curriculum.models import Path as LearningPath

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"


def _seed_counts_module():
    spec = importlib.util.spec_from_file_location(
        "seed_counts", REPO / "tests" / "content" / "seed_counts.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


seed_counts = _seed_counts_module()
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_the_seed_documents_are_there():
    assert {seed_counts.slug_for(f) for f in SEED_FILES} == set(seed_counts.SEED_SLUGS.values())


@pytest.mark.django_db
def test_each_imported_path_has_its_seeds_counts():
    """One import of content/ (inside the test's transaction), then every path compared at once."""
    content_import(content_dir=REPO / "content")
    expected, actual = {}, {}
    for seed_file in SEED_FILES:
        counts = seed_counts.expected_counts(seed_file)
        slug = counts.pop("slug")
        expected[slug] = counts
        path = LearningPath.objects.get(slug=slug)
        actual[slug] = path_counts(path)
        actual[slug]["exercises"] -= _practice_items(path)
    assert actual == expected


def _practice_items(path) -> int:
    """Autograded practice placed beside a unit's own tasks (tests/content/test_seed_files.py
    PRACTICE_PACKAGES): not a task the seed names, so not in its counts."""
    from curriculum.models import UnitExercise
    from tests.content.test_seed_files import PRACTICE_PACKAGES

    return sum(
        UnitExercise.objects.live()
        .filter(unit__path=path, unit__number=number, exercise__slug__in=slugs)
        .count()
        for (slug, number), slugs in PRACTICE_PACKAGES.items()
        if slug == path.slug
    )
