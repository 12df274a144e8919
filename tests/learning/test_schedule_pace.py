"""The schedule says how the pace moves the end date and offers the path's own pace."""

import re
from datetime import date

import pytest
from django.urls import reverse

from curriculum.models import Path, Phase, Unit
from learning import schedule
from learning.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixteen_weeks():
    """Shaped like the seed "16-week" path: 250 hours over 16 weeks, no per-week estimate."""
    path = Path.objects.create(
        slug="sixteen",
        title="ML/DL in 16 weeks",
        level="intermediate",
        duration="16 weeks",
        duration_weeks=16,
        weekly_hours_min=15,
        weekly_hours_max=20,
        total_hours=250,
    )
    phase = Phase.objects.create(path=path, number=1, title="All")
    for n in range(1, 17):
        Unit.objects.create(path=path, phase=phase, number=n, title=f"Week {n}", position=n)
    return path


def test_the_paths_own_pace_finishes_in_its_stated_weeks(sixteen_weeks):
    units = list(sixteen_weeks.units.all())
    assert schedule.path_weekly_hours(sixteen_weeks, units) == 16  # 250 h / 16 weeks, rounded up
    start = date(2026, 1, 5)
    options = schedule.pace_options(sixteen_weeks, units, started_on=start, chosen=8, goal=8)
    assert [(o.hours, o.label, o.weeks) for o in options] == [
        (8, "your weekly goal, your choice", 32),
        (16, "the path's pace", 16),
    ]
    assert options[0].chosen and not options[1].chosen
    assert options[1].ends_on == date(2026, 4, 26)


def test_a_new_enrollment_defaults_to_the_paths_pace(as_alice, sixteen_weeks):
    html = as_alice.get(reverse("learning:enroll", args=[sixteen_weeks.slug])).content.decode()
    assert re.search(r'name="weekly_hours" value="16"', html)
    assert "about <strong>16 hours a week</strong>" in html
    assert '8 h a week</strong> <span class="muted">(your weekly goal)' in html
    assert "32 weeks" in html and "16 weeks" in html


def test_preview_never_puts_the_csrf_token_in_the_url(as_alice, sixteen_weeks):
    url = reverse("learning:enroll", args=[sixteen_weeks.slug])
    html = as_alice.get(url).content.decode()
    assert 'formmethod="get"' not in html
    for form in re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S):
        if "csrfmiddlewaretoken" in form:
            assert 'method="post"' in form.split(">", 1)[0]
    # The preview button posts, and a preview saves nothing.
    assert 'name="preview" value="1"' in html
    response = as_alice.post(url, {"started_on": "2026-01-05", "weekly_hours": 8, "preview": "1"})
    assert response.status_code == 200 and not Enrollment.objects.exists()
    assert "done by 16 Aug 2026, 32 weeks" in response.content.decode()
    # The pace links preview with a plain GET that carries only the two fields.
    links = re.findall(r'href="([^"]*weekly_hours=16[^"]*)"', response.content.decode())
    assert links and all("csrf" not in link for link in links)


def test_the_schedule_says_the_pace_stretches_the_path_and_offers_its_own(
    as_alice, alice, sixteen_weeks
):
    Enrollment.objects.create(
        user=alice, path=sixteen_weeks, started_on=date(2026, 1, 5), weekly_hours=8
    )
    page = as_alice.get(reverse("learning:schedule", args=[sixteen_weeks.slug])).content.decode()
    assert "done by 16 Aug 2026, in 32 weeks, longer than the 16 weeks the path is written for" in (
        page
    )
    assert "Switch to 16 h a week" in page
    response = as_alice.post(
        reverse("learning:enroll", args=[sixteen_weeks.slug]),
        {"started_on": "2026-01-05", "weekly_hours": 16},
    )
    assert response.status_code == 302
    assert Enrollment.objects.get(user=alice).weekly_hours == 16
    page = as_alice.get(reverse("learning:schedule", args=[sixteen_weeks.slug])).content.decode()
    assert "done by 26 Apr 2026, in 16 weeks." in page
