"""The API's pages in a browser: Swagger UI runs from our static files alone, and the
profile page shows the token with the CLI's one-line set-up."""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SCREENSHOTS_DIR")


def shoot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=width == 390)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_api_docs_render_every_operation_without_a_cdn(page, live_server):
    ours = urlparse(live_server.url).netloc
    elsewhere = []

    def only_ours(route):
        if urlparse(route.request.url).netloc in (ours, ""):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 40
    assert "Backprop API" in page.locator(".info .title").inner_text()
    assert elsewhere == []
    shoot(page, "api-docs")


def test_the_profile_shows_the_cli_setup_line(page, live_server, alice):
    from accounts.services import api_token_regenerate

    key = api_token_regenerate(user=alice)
    page.goto(f"{live_server.url}/accounts/login/?next=/accounts/profile/")
    page.get_by_label("Username").fill("alice@example.com")
    page.get_by_label("Password").fill("pw-alice-12345")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/profile/")
    setup = page.get_by_label("Set up the backprop command-line client")
    assert setup.input_value() == f"backprop configure --url {live_server.url} --token {key}"
    page.locator("#api").scroll_into_view_if_needed()
    shoot(page, "profile-token")
