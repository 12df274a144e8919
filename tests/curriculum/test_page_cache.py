"""Visitors' browse pages come from the cache until the content revision moves."""

import copy
import re
import time

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.db.models import F
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curriculum import page_cache
from curriculum.content.paths_import import content_import
from curriculum.models import ContentRevision, Path, Tag
from curriculum.page_cache import cached_page, content_revision, content_revision_forget
from curriculum.search import search_vectors_refresh
from tests.curriculum.test_content_import import PATH, write
from tests.synthetic_paths import make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def path():
    return make_path(1)


def get(client, url, **headers):
    content_revision_forget()  # count the revision's read, which a process keeps for a second
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["catalog", "path", "unit", "skills", "print", "glossary"])
def test_a_visitors_second_request_reads_only_the_revision(client, path, page):
    url = {
        "catalog": reverse("curriculum:catalog"),
        "path": path.get_absolute_url(),
        "unit": reverse("curriculum:unit", args=[path.slug, 1]),
        "skills": reverse("curriculum:skill-tree", args=[path.slug]),
        "print": reverse("curriculum:path-print", args=[path.slug]),
        "glossary": reverse("curriculum:glossary"),
    }[page]
    first, rendered = get(client, url)
    second, cached = get(client, url)
    assert second.content == first.content
    assert rendered > 1 and cached == 1


def test_within_a_second_a_cached_page_costs_no_query_at_all(client, path):
    get(client, path.get_absolute_url())
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path.get_absolute_url()).status_code == 200
    assert len(ctx.captured_queries) == 0


def test_a_change_in_another_process_shows_once_the_second_is_over(client, path, monkeypatch):
    get(client, path.get_absolute_url())
    Path.objects.filter(pk=path.pk).update(title="Renamed elsewhere")  # no signal: as if remote
    ContentRevision.objects.filter(pk=1).update(number=F("number") + 1)
    assert b"Renamed elsewhere" not in client.get(path.get_absolute_url()).content
    clock = time.monotonic() + page_cache.REVISION_SECONDS
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock)
    assert b"Renamed elsewhere" in client.get(path.get_absolute_url()).content


def test_an_edit_in_the_admin_shows_at_once(client, path):
    before, _ = get(client, path.get_absolute_url())
    revision = content_revision()
    path.title = "A renamed path"
    path.save()
    assert content_revision() == revision + 1
    after, _ = get(client, path.get_absolute_url())
    assert b"A renamed path" in after.content and b"A renamed path" not in before.content


def test_a_tag_added_to_a_path_moves_the_revision(path):
    revision = content_revision()
    path.tags.add(Tag.objects.create(slug="brand-new"))
    assert content_revision() > revision


def test_an_import_moves_the_revision_once_and_a_dry_run_not_at_all(client, tmp_path):
    root = write(tmp_path / "content", {"basics": copy.deepcopy(PATH)})
    content_import(content_dir=root)
    revision = content_revision()
    catalog, _ = get(client, reverse("curriculum:catalog"))
    assert PATH["title"].encode() in catalog.content

    edited = copy.deepcopy(PATH) | {"title": "Basics, revised"}
    content_import(content_dir=write(tmp_path / "dry", {"basics": edited}), dry_run=True)
    assert content_revision() == revision

    content_import(content_dir=write(tmp_path / "again", {"basics": edited}))
    assert content_revision() == revision + 1
    catalog, _ = get(client, reverse("curriculum:catalog"))
    assert b"Basics, revised" in catalog.content


def test_the_htmx_partial_and_the_full_page_are_kept_apart(client, path):
    full, _ = get(client, reverse("curriculum:catalog"))
    partial, _ = get(client, reverse("curriculum:catalog"), HTTP_HX_REQUEST="true")
    again, queries = get(client, reverse("curriculum:catalog"))
    assert b"<html" in full.content and b"<html" not in partial.content
    assert again.content == full.content and queries == 1


def test_a_logged_in_user_gets_a_fresh_page_with_their_menu(client, alice, path):
    visitor, _ = get(client, path.get_absolute_url())
    client.force_login(alice)
    learner, queries = get(client, path.get_absolute_url())
    assert b"alice" in learner.content and b"X-CSRFToken" in learner.content
    assert b"alice" not in visitor.content and b"X-CSRFToken" not in visitor.content
    assert queries > 3


def test_a_cached_page_sets_no_cookie_and_carries_no_token(client, path):
    get(client, path.get_absolute_url())
    cached, _ = get(client, path.get_absolute_url())
    assert not cached.cookies
    assert b"csrfmiddlewaretoken" not in cached.content


def _visitor_request(with_message: bool):
    request = RequestFactory().get("/somewhere/")
    request.user = type("Visitor", (), {"is_authenticated": False})()
    request.session = {}
    request._messages = FallbackStorage(request)
    if with_message:
        request._messages.add(constants.INFO, "You have been logged out.")
    return request


def test_a_page_with_a_flash_message_is_neither_served_nor_stored_from_the_cache():
    rendered = []

    @cached_page
    def view(request):
        from django.http import HttpResponse

        rendered.append(len(get_messages(request)))
        return HttpResponse(f"page {len(rendered)}")

    assert view(_visitor_request(with_message=True)).content == b"page 1"
    assert view(_visitor_request(with_message=False)).content == b"page 2"
    assert view(_visitor_request(with_message=False)).content == b"page 2"
    assert rendered == [1, 0]


def test_a_response_that_used_a_token_is_not_stored(client, path):
    @cached_page
    def view(request):
        from django.http import HttpResponse
        from django.middleware.csrf import get_token

        return HttpResponse(get_token(request))

    first = view(_visitor_request(with_message=False))
    second = view(_visitor_request(with_message=False))
    assert first.content != second.content


def test_a_deleted_path_leaves_the_catalog_at_once(client, path):
    other = make_path(2)
    catalog, _ = get(client, reverse("curriculum:catalog"))
    assert other.title.encode() in catalog.content
    Path.objects.filter(pk=other.pk).first().delete()
    catalog, _ = get(client, reverse("curriculum:catalog"))
    assert other.title.encode() not in catalog.content


def test_a_search_is_kept_five_minutes_and_a_plain_page_an_hour(client, path, monkeypatch):
    kept = {}
    real_set = page_cache.cache.set

    def spy(key, value, timeout):
        if key.startswith("page:"):  # not the parts a logged-in page is made of
            kept[key.split(":")[2]] = timeout
        return real_set(key, value, timeout)

    monkeypatch.setattr(page_cache.cache, "set", spy)
    get(client, path.get_absolute_url())
    get(client, reverse("curriculum:catalog") + "?q=gradient")
    assert kept == {
        "curriculum.views.browse.path_detail": page_cache.PAGE_SECONDS,
        "curriculum.views.browse.catalog": page_cache.QUERY_PAGE_SECONDS,
    }


def unmasked(html: bytes) -> bytes:
    """The page without its CSRF tokens, which Django masks afresh on every response."""
    return re.sub(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", html)


def test_a_learner_gets_the_shared_parts_from_the_cache_and_their_own_bar_fresh(
    client, alice, bob, path
):
    client.force_login(alice)
    first, rendered = get(client, path.get_absolute_url())
    again, cached = get(client, path.get_absolute_url())
    assert cached < rendered - 5  # the timeline, resources, traps and skills are not queried
    assert unmasked(again.content) == unmasked(first.content)
    client.force_login(bob)
    other, _ = get(client, path.get_absolute_url())
    assert b"alice" not in other.content and b"bob" in other.content
    assert b"Enroll in this path" in other.content


def test_a_learners_cached_unit_parts_follow_an_edit(client, alice, path):
    client.force_login(alice)
    url = reverse("curriculum:unit", args=[path.slug, 1])
    get(client, url)
    unit = path.phases.first().units.get(number=1)
    unit.title = "A retitled week"
    unit.save()
    page, _ = get(client, url)
    assert b"A retitled week" in page.content


def test_a_missing_path_or_unit_is_still_a_404_for_a_learner(client, alice, path):
    client.force_login(alice)
    assert client.get(reverse("curriculum:path", args=["no-such-path"])).status_code == 404
    assert client.get(reverse("curriculum:unit", args=[path.slug, 999])).status_code == 404
    get(client, path.get_absolute_url())  # parts cached: the head query still decides
    path.is_published = False
    path.save()
    assert client.get(path.get_absolute_url()).status_code == 404


def test_a_learners_catalog_and_its_htmx_results_come_from_the_parts(client, alice, path):
    search_vectors_refresh()  # as import_content does, for PostgreSQL's stored documents
    client.force_login(alice)
    url = reverse("curriculum:catalog") + "?q=" + path.title.split()[0]
    first, rendered = get(client, url)
    again, cached = get(client, url)
    assert cached < rendered and unmasked(again.content) == unmasked(first.content)
    partial, _ = get(client, url, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and path.title.encode() in partial.content
    assert b'id="results"' in partial.content
