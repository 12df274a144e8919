"""Catalog filters and search, on whichever database DATABASE_URL names (SQLite or PostgreSQL).

On PostgreSQL search reads stored documents that the import refreshes, so a test that edits
rows directly calls `search_vectors_refresh()` as the import would.
"""

import pytest
from django.urls import reverse

from curriculum.models import Path, Resource, Tag, Topic, Unit
from curriculum.search import search, search_vectors_refresh
from tests.synthetic_paths import SMALL, make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def paths():
    short = make_path(1, SMALL)  # 4 weeks, intermediate
    Path.objects.filter(pk=short.pk).update(level="beginner", duration_weeks=6)
    medium = make_path(2, SMALL)
    Path.objects.filter(pk=medium.pk).update(level="advanced", duration_weeks=16)
    long = make_path(3, SMALL)
    Path.objects.filter(pk=long.pk).update(level="advanced", duration_weeks=104)
    rare = Tag.objects.create(slug="reinforcement-learning")
    long.tags.add(rare)
    search_vectors_refresh()
    return short, medium, long


def titles(client, **params) -> set[str]:
    response = client.get(reverse("curriculum:catalog"), params)
    assert response.status_code == 200
    return {path.title for path in response.context["paths"]}


def test_no_filter_lists_every_published_path(client, paths):
    Path.objects.filter(pk=paths[0].pk).update(is_published=False)
    assert titles(client) == {paths[1].title, paths[2].title}


def test_the_catalog_lists_paths_by_title(client, paths):
    Path.objects.filter(pk=paths[2].pk).update(title="Aardvark path")
    response = client.get(reverse("curriculum:catalog"))
    listed = [p.title for p in response.context["paths"]]
    assert listed == sorted(listed) and listed[0] == "Aardvark path"


def test_it_filters_by_level(client, paths):
    assert titles(client, level="advanced") == {paths[1].title, paths[2].title}


@pytest.mark.parametrize(("duration", "expected"), [("short", 0), ("medium", 1), ("long", 2)])
def test_it_filters_by_duration_range(client, paths, duration, expected):
    assert titles(client, duration=duration) == {paths[expected].title}


def test_it_filters_by_tag_and_combines_filters(client, paths):
    assert titles(client, tag="reinforcement-learning") == {paths[2].title}
    assert titles(client, tag="reinforcement-learning", level="beginner") == set()


def test_unknown_filter_values_are_ignored_not_errors(client, paths):
    assert len(titles(client, level="wizard", duration="forever")) == 3


def test_search_finds_a_topic_and_links_to_its_unit(client, paths):
    topic = Topic.objects.filter(unit__path=paths[1], depth=1).first()
    Topic.objects.filter(pk=topic.pk).update(title="Backpropagation through time")
    search_vectors_refresh()
    response = client.get(reverse("curriculum:catalog"), {"q": "backpropagation"})
    html = response.content.decode()
    assert (
        f"{reverse('curriculum:unit', args=[paths[1].slug, topic.unit.number])}#topic-{topic.pk}"
        in html
    )
    assert "Backpropagation through time" in html
    assert {p.title for p in response.context["paths"]} == {paths[1].title}


def test_search_finds_units_resources_and_paths(paths):
    Unit.objects.filter(path=paths[0], number=2).update(title="Convolutional networks for vision")
    Resource.objects.filter(pk=paths[2].resources.first().pk).update(
        title="Reinforcement Learning: An Introduction"
    )
    Path.objects.filter(pk=paths[1].pk).update(
        summary="Everything about probabilistic graphical models."
    )
    search_vectors_refresh()
    assert [u.number for u in search("convolutional networks").units] == [2]
    assert [r.title for r in search("reinforcement").resources] == [
        "Reinforcement Learning: An Introduction"
    ]
    assert [p.pk for p in search("graphical models").paths] == [paths[1].pk]


def test_search_needs_every_word_and_skips_archived_rows(paths):
    Unit.objects.filter(path=paths[0], number=1).update(title="Gaussian processes")
    Unit.objects.filter(path=paths[0], number=2).update(title="Gaussian mixtures", is_archived=True)
    search_vectors_refresh()
    assert [u.title for u in search("gaussian processes").units] == ["Gaussian processes"]
    assert search("gaussian zebra").count == 0


def test_search_result_links_resources_to_the_library(client, paths):
    Resource.objects.filter(pk=paths[0].resources.first().pk).update(
        title="Dive into Deep Learning"
    )
    search_vectors_refresh()
    html = client.get(reverse("curriculum:catalog"), {"q": "dive into deep"}).content.decode()
    assert reverse("curriculum:resources") + "?q=Dive%20into%20Deep%20Learning" in html


def test_an_empty_search_shows_the_plain_catalog(client, paths):
    response = client.get(reverse("curriculum:catalog"), {"q": "   "})
    assert response.context["results"] is None
    assert len(response.context["paths"]) == 3


def test_a_search_that_matches_nothing_says_so(client, paths):
    html = client.get(reverse("curriculum:catalog"), {"q": "xylophone"}).content.decode()
    assert "Nothing matched" in html and "No path matches" in html


def test_the_catalog_is_paginated_and_pages_keep_the_filters(client, paths):
    for n in range(4, 30):
        make_path(n, SMALL)
    first = client.get(reverse("curriculum:catalog"))
    assert len(first.context["paths"]) == 24
    html = first.content.decode()
    assert "29 paths" in html and 'href="?page=2"' in html
    second = client.get(reverse("curriculum:catalog"), {"page": 2})
    assert len(second.context["paths"]) == 5
    filtered = client.get(reverse("curriculum:catalog"), {"duration": "short"}).content.decode()
    assert "27 paths match" in filtered and 'href="?duration=short&amp;page=2"' in filtered
