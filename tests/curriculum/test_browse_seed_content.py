"""Every page of every real seed path renders once content/ is imported.

Exercise packages referenced by the seeds are still being written; a copy of content/
without the `package:` lines whose folder does not exist yet keeps this test about the
pages (the import's own tests cover the packages). Once all packages exist the copy is
identical to content/.
"""

import re
from pathlib import Path as FsPath

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from curriculum.models import Path

CONTENT = FsPath(settings.BASE_DIR) / "content"
SEED_SLUGS = sorted(p.parent.name for p in CONTENT.glob("paths/*/path.yaml"))


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Import once per module (it takes seconds), outside the per-test transactions; flush after."""
    with django_db_blocker.unblock():
        call_command("import_content", "--dir", str(CONTENT), verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def imported(seeded, db):
    """The imported seeds, inside this test's transaction."""


def test_all_seed_paths_are_imported_and_listed(client, imported):
    assert len(SEED_SLUGS) == 5
    html = client.get(reverse("curriculum:catalog")).content.decode()
    for path in Path.objects.filter(slug__in=SEED_SLUGS):
        assert path.title.replace('"', "&quot;").replace("'", "&#x27;") in html


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_every_page_of_a_seed_path_renders(client, imported, slug):
    path = Path.objects.get(slug=slug)
    for name in ("curriculum:path", "curriculum:skill-tree", "curriculum:path-print"):
        response = client.get(reverse(name, args=[slug]))
        assert response.status_code == 200, name
    units = list(path.units.live().values_list("number", "title"))
    assert units
    for number, title in units:
        response = client.get(reverse("curriculum:unit", args=[slug, number]))
        assert response.status_code == 200
        assert f"{path.unit_label} {number}" in response.content.decode()
        assert response.context["unit"].title == title


def test_the_deep_dive_skill_chain_is_drawn_in_order(client, imported):
    html = client.get(
        reverse("curriculum:skill-tree", args=["ml-engineering-deep-dive"])
    ).content.decode()
    label = re.search(r'aria-label="(Skill tree, in learning order:[^"]*)"', html).group(1)
    assert (
        label.index("Linear Algebra Basics")
        < label.index("Statistics Fundamentals")
        < label.index("Deployment Strategies")
    )
    assert html.count('class="skill-edge"') == 6


def test_the_master_curriculum_keeps_deep_topic_numbers(client, imported):
    html = client.get(
        reverse("curriculum:unit", args=["ml-engineer-master-curriculum", 1])
    ).content.decode()
    assert html.index(">1.1<") < html.index(">1.1.3<") < html.index(">1.2<")


def test_glossary_and_library_show_the_seed_terms_and_resources(client, imported):
    glossary = client.get(reverse("curriculum:glossary"), {"group": "az"}).content.decode()
    assert "Hugging Face" in glossary and 'id="letter-T"' in glossary
    library = client.get(reverse("curriculum:resources"), {"kind": "book"}).content.decode()
    assert "Deep Learning" in library


@pytest.mark.parametrize("query", ["transformer", "eigenvectors"])
def test_search_finds_seed_content(client, imported, query):
    results = client.get(reverse("curriculum:catalog"), {"q": query}).context["results"]
    assert results.units or results.topics
