"""A visitor in Chromium browses catalog → path → week → skill tree, and filters the catalog."""

import re

import pytest

from curriculum.models import Exercise, Path
from tests.synthetic_paths import SMALL, make_path

pytestmark = pytest.mark.browser


@pytest.fixture
def path(transactional_db):
    exercise = Exercise.objects.create(
        slug="matmul", title="Matmul", statement="Multiply.", package_hash="x"
    )
    path = make_path(1, SMALL, exercise=exercise)
    other = make_path(2, SMALL)
    Path.objects.filter(pk=other.pk).update(level="expert")
    return path


def test_a_visitor_goes_from_the_catalog_to_a_week_and_the_skill_tree(page, live_server, path):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=path.title).click()
    page.get_by_role("heading", level=1, name=path.title).wait_for()
    assert page.get_by_text("autograded").first.is_visible()
    assert page.locator("svg.skill-tree[role=group]").is_visible()

    unit = path.units.get(number=2)
    page.locator("#timeline").get_by_role("link", name=unit.title).click()
    page.get_by_role("heading", level=1, name=unit.title).wait_for()
    assert page.get_by_role("heading", name="Topics").is_visible()
    assert page.get_by_text(unit.milestone).is_visible()
    page.get_by_role("link", name=f"Week 3: {path.units.get(number=3).title}").click()
    page.get_by_role("heading", level=1, name=path.units.get(number=3).title).wait_for()

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=path.title).click()
    page.get_by_role("link", name="Skill tree with descriptions").click()
    page.get_by_role("heading", level=1, name="Skill tree").wait_for()
    first = path.skills.order_by("position").first()
    page.locator(f'svg.skill-tree [data-slug="{first.slug}"]').click()
    assert page.url.endswith(f"#skill-{first.slug}")
    assert page.locator(f"#skill-{first.slug}").is_visible()


def test_the_level_filter_updates_results_in_place_and_in_the_url(page, live_server, path):
    page.goto(live_server.url + "/")
    page.evaluate("window.__same_document = true")
    assert page.locator(".path-card").count() == 2
    page.get_by_label("Level").select_option("expert")
    page.wait_for_url("**/?*level=expert*")
    page.locator(".path-card").nth(1).wait_for(state="detached")
    assert page.locator(".path-card").count() == 1
    assert page.evaluate("window.__same_document") is True  # htmx swapped, no reload


def test_the_filters_are_keyboard_reachable_with_a_visible_focus(page, live_server, path):
    page.goto(live_server.url + "/")
    page.get_by_label(re.compile(r"^Search paths")).focus()
    page.keyboard.type("gradient")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="for “gradient”").wait_for()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


# --- the site's shell: header, colour scheme -------------------------------------------------

HEADER_LINKS = ["Paths", "Library", "Glossary"]


def signed_in_page(browser, live_server, user, **options):
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    context.set_default_timeout(10_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context, context.new_page()


@pytest.fixture
def mentor(transactional_db, django_user_model):
    return django_user_model.objects.create_user(
        "bea", "bea@example.com", "pw-bea-12345", role="mentor"
    )


def test_every_page_has_the_same_main_links(browser, live_server, path, mentor):
    exercise = Exercise.objects.get(slug="matmul")
    context, page = signed_in_page(browser, live_server, mentor)
    try:
        for url in ["/", f"/paths/{path.slug}/", "/glossary/", f"/exercises/{exercise.slug}/", "/dashboard/", "/accounts/profile/", "/notifications/", "/mentor/queue/"]:  # fmt: skip
            page.goto(live_server.url + url)
            nav = page.get_by_role("navigation", name="Main")
            for name in [*HEADER_LINKS, "Dashboard", "Review queue"]:
                assert nav.get_by_role("link", name=name, exact=True).count() == 1, f"{url}: {name}"
    finally:
        context.close()


def test_at_390_px_the_header_takes_two_short_rows_and_the_menu_opens_by_keyboard(
    browser, live_server, path, mentor
):
    context, page = signed_in_page(
        browser, live_server, mentor, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    try:
        page.goto(live_server.url + f"/exercises/{Exercise.objects.get(slug='matmul').slug}/")
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 100, f"the header is {header['height']} px tall"
        # the page itself never scrolls sideways; the link strip may
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        strip = page.locator(".nav-links")
        assert strip.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        nav = page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name="Dashboard").focus()
        page.keyboard.press("Tab")  # a keyboard user reaches the last link: it scrolls into view
        last = nav.get_by_role("link", name="Review queue")
        assert last.evaluate("e => e === document.activeElement")
        page.wait_for_function(
            "e => e.getBoundingClientRect().right <= window.innerWidth", arg=last.element_handle()
        )
        log_out = page.get_by_role("button", name="Log out")
        assert not log_out.is_visible()
        page.locator(".account-menu summary").focus()
        page.keyboard.press("Enter")
        assert log_out.is_visible()
        assert page.get_by_role("link", name="Your profile").is_visible()
        page.keyboard.press("Escape")
        assert not log_out.is_visible()
    finally:
        context.close()


def background_luminance(page) -> float:
    """Relative luminance of the page background (0 black … 1 white)."""
    return page.evaluate(
        """() => {
            const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor
                .match(/\\d+/g).slice(0, 3).map(Number).map(c => c / 255)
                .map(c => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }"""
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_theme_follows_prefers_color_scheme(
    browser, live_server, path, alice, scheme, tmp_path
):
    """Screenshots go to $SITE_SHOTS if set (every main page at 390 and 1280 px), else tmp."""
    import os

    shots = os.environ.get("SITE_SHOTS")
    exercise = Exercise.objects.get(slug="matmul")
    pages = {"catalog": "/", "path": f"/paths/{path.slug}/", "exercise": f"/exercises/{exercise.slug}/", "dashboard": "/dashboard/", "404": "/no/such/page/"}  # fmt: skip
    context, page = signed_in_page(browser, live_server, alice, color_scheme=scheme)
    try:
        page.goto(live_server.url + "/")
        luminance = background_luminance(page)
        if scheme == "dark":
            assert luminance < 0.02, f"dark scheme, background luminance {luminance:.3f}"
            code_bg = page.locator(".site-header").evaluate(
                "e => getComputedStyle(e).backgroundColor"
            )
            assert code_bg != "rgb(255, 255, 255)"
        else:
            assert luminance > 0.9, f"light scheme, background luminance {luminance:.3f}"
        page.screenshot(path=str(tmp_path / f"catalog-{scheme}.png"))
        if shots:
            for width in (390, 1280):
                page.set_viewport_size({"width": width, "height": 900 if width > 390 else 844})
                for name, url in pages.items():
                    page.goto(live_server.url + url, wait_until="networkidle")
                    page.screenshot(path=f"{shots}/{name}-{width}-{scheme}.png", full_page=True)
                    height = page.evaluate("document.documentElement.scrollHeight")
                    for n, top in enumerate(range(0, height if height > 1800 else 0, 1200)):
                        clip = {"x": 0, "y": top, "width": width, "height": min(1200, height - top)}
                        page.screenshot(
                            path=f"{shots}/{name}-{width}-{scheme}-part{n + 1}.png",
                            full_page=True,
                            clip=clip,
                        )
    finally:
        context.close()
