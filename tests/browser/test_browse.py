"""A visitor in Chromium browses catalog → path → week → skill tree, and filters the catalog."""

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
    assert page.locator("svg.skill-tree[role=img]").is_visible()

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
    page.get_by_label("Search paths, units, topics and resources").focus()
    page.keyboard.type("gradient")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="for “gradient”").wait_for()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
