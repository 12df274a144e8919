"""After importing the real content/, each path's live rows match the counts derived from its seed."""

import importlib.util
from pathlib import Path

import pytest

from courses.content.paths_import import content_import
from courses.content.report import path_counts
from courses.models import Path as LearningPath

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


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        content_import(content_dir=REPO / "content")
        yield
        LearningPath.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize("seed_file", SEED_FILES, ids=lambda f: f.name[:3])
def test_the_imported_path_has_the_seeds_counts(imported, seed_file):
    expected = seed_counts.expected_counts(seed_file)
    path = LearningPath.objects.get(slug=expected.pop("slug"))
    assert path_counts(path) == expected
