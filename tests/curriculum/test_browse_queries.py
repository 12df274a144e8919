"""Catalog, path and unit pages cost the same number of queries for a small and a large path."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curriculum.models import Exercise
from curriculum.page_cache import content_revision_forget
from curriculum.search import search_vectors_refresh
from tests.synthetic_paths import LARGE, SMALL, make_path

pytestmark = pytest.mark.django_db

# Budgets include the session/auth middleware's queries (none for anonymous visitors) and the
# read of the content revision that keys the page cache (curriculum.page_cache).
BUDGET = {"catalog": 5, "path": 12, "unit": 7, "print": 14, "skills": 4}


@pytest.fixture
def paths():
    exercise = Exercise.objects.create(
        slug="matmul", title="Matmul", statement="x", package_hash="x"
    )
    small = make_path(1, SMALL, exercise=exercise)
    large = make_path(2, LARGE, exercise=exercise)
    for n in range(3, 12):
        make_path(n, SMALL)
    search_vectors_refresh()  # as import_content does, for PostgreSQL's stored search documents
    return small, large


def urls(path):
    return {
        "catalog": reverse("curriculum:catalog"),
        "path": path.get_absolute_url(),
        "unit": reverse("curriculum:unit", args=[path.slug, 2]),
        "print": reverse("curriculum:path-print", args=[path.slug]),
        "skills": reverse("curriculum:skill-tree", args=[path.slug]),
    }


def count_queries(client, url) -> int:
    cache.clear()  # a visitor's page is cached per content revision: count the rendering
    content_revision_forget()  # and the read of the revision, which a process remembers a second
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", sorted(BUDGET))
def test_the_query_count_does_not_grow_with_the_path(client, paths, page):
    small, large = paths
    assert large.units.count() > 10 * small.units.count() / 2
    assert count_queries(client, urls(small)[page]) == count_queries(client, urls(large)[page])


@pytest.mark.parametrize("page", sorted(BUDGET))
def test_each_page_stays_within_its_query_budget(
    client, paths, page, django_assert_max_num_queries
):
    _small, large = paths
    content_revision_forget()
    with django_assert_max_num_queries(BUDGET[page]):
        client.get(urls(large)[page])


def test_catalog_search_costs_a_fixed_number_of_queries(
    client, paths, django_assert_max_num_queries
):
    # Five catalog queries plus one per searched kind (paths, units, topics, exercises, resources).
    with django_assert_max_num_queries(10):
        response = client.get(reverse("curriculum:catalog"), {"q": "gradient"})
    assert response.context["results"].count > 0
