"""Catalog search finds exercises (title, slug, statement, tags) from stored, indexed documents.

The seed tests run on either database; those marked `postgres` check the stored vector and
its GIN index and are skipped, with the reason, where DATABASE_URL is not PostgreSQL (CI
runs them: its DATABASE_URL is PostgreSQL).
"""

import shutil
from pathlib import Path as FsPath

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curriculum.content.exercise_packages import load_package
from curriculum.models import Exercise, Path, Topic, Unit, UnitExercise
from curriculum.search import prefix_tsquery, query_words, search, search_vectors_refresh
from tests.synthetic_paths import SMALL, make_path

CONTENT = FsPath(settings.BASE_DIR) / "content"
SIXTEEN_WEEKS = "ml-dl-engineer-16-weeks"
on_postgres = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="stored tsvector and GIN index exist only on PostgreSQL (set DATABASE_URL)",
)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The real content, imported once for the module and flushed afterwards."""
    with django_db_blocker.unblock():
        call_command("import_content", "--dir", str(CONTENT), verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def imported(seeded, db):
    return seeded


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("matmul", "matmul-from-scratch"),
        ("matrix multiplication", "matmul-from-scratch"),
        ("gradient descent", "gradient-descent-linreg"),
    ],
)
def test_the_words_a_learner_types_find_the_exercises_of_the_16_week_path(
    client, imported, query, slug
):
    response = client.get(reverse("curriculum:catalog"), {"q": query})
    results = response.context["results"]
    assert slug in [e.slug for e in results.exercises]
    hit = next(e for e in results.exercises if e.slug == slug)
    assert hit.used_in_path_id is not None
    html = response.content.decode()
    assert f'href="{reverse("submissions:exercise", args=[slug])}"' in html
    assert '<span class="badge kind">Exercise</span>' in html
    # The path that uses it is among the catalog's cards, so the 16-week path is found.
    if query != "gradient descent":  # gradient descent is used by several paths; first wins
        assert SIXTEEN_WEEKS in {p.slug for p in response.context["paths"]}


def test_each_hit_says_what_kind_it_is_and_links_to_it(client, imported):
    html = client.get(reverse("curriculum:catalog"), {"q": "transformer"}).content.decode()
    assert '<span class="badge kind">Topic</span>' in html
    assert "#topic-" in html


@pytest.fixture
def exercise_in_a_path(db):
    exercise = Exercise.objects.create(
        slug="conv2d-by-hand",
        title="A convolution, written out",
        statement="Slide a **kernel** over an image and sum the products.",
        spec={"tags": ["signal-processing"]},
        goals=["Know what padding does to the output size"],
        package_hash="x",
    )
    path = make_path(1, SMALL, exercise=exercise)
    search_vectors_refresh()
    return path, exercise


@pytest.mark.parametrize(
    "query",
    ["conv2d", "conv2d-by-hand", "convolution written", "kernel image", "signal", "padding"],
)
def test_an_exercise_is_found_by_slug_prefix_title_statement_tags_and_goals(
    exercise_in_a_path, query
):
    _path, exercise = exercise_in_a_path
    # The module's real content may match too ("padding" is in other statements): ours is found.
    assert exercise.pk in [e.pk for e in search(query).exercises]


def test_an_exercise_hit_names_the_unit_that_lists_it(client, exercise_in_a_path):
    path, exercise = exercise_in_a_path
    item = UnitExercise.objects.filter(exercise=exercise).select_related("unit").first()
    html = client.get(reverse("curriculum:catalog"), {"q": "conv2d"}).content.decode()
    unit_url = reverse("curriculum:unit", args=[path.slug, item.unit.number])
    assert f'href="{unit_url}">{path.unit_label} {item.unit.number}</a>' in html
    assert path.title in html


def test_archived_exercises_are_not_found(exercise_in_a_path):
    _path, exercise = exercise_in_a_path
    assert exercise.pk in [e.pk for e in search("conv2d").exercises]
    Exercise.objects.filter(pk=exercise.pk).update(is_archived=True)
    assert exercise.pk not in [e.pk for e in search("conv2d").exercises]


def test_every_word_is_a_prefix_and_punctuation_is_dropped():
    assert query_words("Matmul-from-scratch!  (NumPy)") == ["matmul", "from", "scratch", "numpy"]
    assert prefix_tsquery(["grad", "desc"]) == "grad:* & desc:*"
    assert search("  ?!  ").count == 0


def test_prefixes_of_words_match(exercise_in_a_path):
    path, _exercise = exercise_in_a_path
    Unit.objects.filter(path=path, number=1).update(title="Zygomorphic xerophytes and their kin")
    search_vectors_refresh()
    assert [u.number for u in search("zygo xeroph").units] == [1]


def test_bad_exercise_tags_are_a_content_problem(tmp_path):
    root = tmp_path / "matmul-from-scratch"
    shutil.copytree(CONTENT / "exercises" / "matmul-from-scratch", root)
    spec = yaml.safe_load((root / "exercise.yaml").read_text())
    (root / "exercise.yaml").write_text(yaml.safe_dump({**spec, "tags": ["Linear Algebra"]}))
    package, problems = load_package(root)
    assert package is None
    assert any("tags must be a list of lowercase slugs" in str(p) for p in problems)
    (root / "exercise.yaml").write_text(yaml.safe_dump({**spec, "tags": ["linear-algebra"]}))
    package, problems = load_package(root)
    assert problems == [] and package.spec["tags"] == ["linear-algebra"]


# --- PostgreSQL: the stored vector and its index ------------------------------------------


@on_postgres
def test_each_searchable_table_has_a_gin_index_on_its_search_vector(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexname LIKE '%%_search_gin'"
        )
        rows = dict(cursor.fetchall())
    for model in (Path, Unit, Topic, Exercise):
        assert "USING gin (search_vector)" in rows[model._meta.db_table]
    assert len(rows) == 5


@on_postgres
def test_import_content_fills_the_stored_vectors(imported):
    assert not Topic.objects.filter(search_vector__isnull=True).exists()
    assert not Exercise.objects.filter(search_vector__isnull=True).exists()


@on_postgres
def test_a_search_reads_the_stored_vector_and_never_computes_one(imported):
    with CaptureQueriesContext(connection) as ctx:
        results = search("matrix multiplication")
    assert results.exercises
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "to_tsvector" not in sql and '"search_vector" @@' in sql


@on_postgres
def test_an_import_that_changes_a_title_refreshes_its_document(tmp_path, db):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    call_command("import_content", "--dir", str(content), verbosity=0)
    assert not search("zanzibar").exercises
    spec_file = content / "exercises" / "matmul-from-scratch" / "exercise.yaml"
    spec = yaml.safe_load(spec_file.read_text())
    spec_file.write_text(yaml.safe_dump({**spec, "title": "Zanzibar matrix multiplication"}))
    call_command("import_content", "--dir", str(content), verbosity=0)
    assert [e.slug for e in search("zanzibar").exercises] == ["matmul-from-scratch"]


@on_postgres
def test_a_row_without_a_document_is_filled_even_by_an_unchanged_import(imported):
    Topic.objects.update(search_vector=None)
    assert not search("transformer").topics
    call_command("import_content", "--dir", str(CONTENT), verbosity=0)
    assert search("transformer").topics


@on_postgres
def test_an_admin_edit_refreshes_the_stored_document(client, django_user_model, db):
    from curriculum.models import Resource

    resource = Resource.objects.create(slug="dl", kind="book", title="Deep Learning")
    search_vectors_refresh()
    admin = django_user_model.objects.create_superuser("root", "r@example.com", "pw-root-12345")
    client.force_login(admin)
    response = client.post(
        reverse("admin:curriculum_resource_change", args=[resource.pk]),
        {"slug": "dl", "kind": "book", "title": "Quokka Learning", "authors": "", "url": ""},
    )
    assert response.status_code == 302
    assert [r.slug for r in search("quokka").resources] == ["dl"]
