"""Our 400, 403, 404, 500 and CSRF pages, with DEBUG off and on; the favicon.

With DEBUG on, a learner (or a visitor) still gets our pages; staff get Django's technical
pages (config/errors.py says why). Django's technical 404 names the URLconf it tried, and its
technical 500 shows the traceback: both are what a learner must never see.
"""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import Client
from django.urls import path

from config import urls as site_urls

pytestmark = pytest.mark.django_db

TECHNICAL_404 = "Using the URLconf defined in"
TECHNICAL_500 = "Traceback"


def boom(request):
    raise RuntimeError("the database fell over")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("odd header")


def gone(request):
    raise Http404("no such attempt")


# This module doubles as a URLconf: the site's URLs plus views that fail on purpose.
urlpatterns = [
    path("test/boom/", boom),
    path("test/forbidden/", forbidden),
    path("test/suspicious/", suspicious),
    path("test/gone/", gone),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.fixture(params=[False, True], ids=["DEBUG=0", "DEBUG=1"])
def debug(request, settings):
    settings.DEBUG = request.param
    settings.ROOT_URLCONF = __name__
    return request.param


@pytest.fixture
def learner(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    return client


def assert_site_page(response, status, heading):
    assert response.status_code == status
    body = response.content.decode()
    assert 'class="site-header"' in body, "not in the site's layout"
    assert heading in body
    assert TECHNICAL_404 not in body and TECHNICAL_500 not in body


def test_an_unknown_url_gets_our_404(debug, learner):
    response = learner.get("/no/such/page/")
    assert_site_page(response, 404, "Page not found")
    assert "/no/such/page/" in response.content.decode()


def test_a_view_that_finds_nothing_gets_our_404(debug, learner):
    assert_site_page(learner.get("/paths/no-such-path/"), 404, "Page not found")
    assert_site_page(learner.get("/test/gone/"), 404, "Page not found")


def test_a_visitor_gets_our_404_with_the_log_in_link(debug, client):
    response = client.get("/no/such/page/")
    assert_site_page(response, 404, "Page not found")
    assert "Log in" in response.content.decode()


def test_a_forbidden_page_gets_our_403(debug, learner):
    assert_site_page(learner.get("/test/forbidden/"), 403, "You can't open this page")
    # a real one: a learner opening the mentors' queue
    assert_site_page(learner.get("/mentor/queue/"), 403, "You can't open this page")


def test_a_bad_request_gets_our_400(debug, learner):
    assert_site_page(learner.get("/test/suspicious/"), 400, "We couldn't read that request")


def test_a_crash_gets_our_500_and_the_traceback_goes_to_the_log(debug, learner, caplog):
    response = learner.get("/test/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "the database fell over" not in body and TECHNICAL_500 not in body
    logged = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert logged and "the database fell over" in str(logged[0].exc_info[1])


def test_staff_keep_the_technical_pages_while_debugging(settings, admin_user):
    settings.DEBUG = True
    settings.ROOT_URLCONF = __name__
    admin_user.is_staff = True
    admin_user.save()
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    assert TECHNICAL_404 in client.get("/no/such/page/").content.decode()
    assert TECHNICAL_500 in client.get("/test/boom/").content.decode()


def test_staff_get_our_pages_in_production(settings, admin_user):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    admin_user.is_staff = True
    admin_user.save()
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    assert_site_page(client.get("/no/such/page/"), 404, "Page not found")


def test_a_stale_form_gets_our_csrf_page(debug, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/accounts/profile/", {"display_name": "A"})
    assert_site_page(response, 403, "This form has expired")
    assert ("Reason (shown because DEBUG is on)" in response.content.decode()) is debug


def test_the_favicon_is_linked_and_served(client):
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301 and redirect["Location"] == "/static/favicon.svg"
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content)
