"""Browse pages render what a learner needs, hide archived content, and 404 on strangers' URLs."""

import pytest
from django.urls import reverse

from curriculum.models import CallToAction, Exercise, Path, Phase, Topic, Unit, UnitExercise
from tests.synthetic_paths import SMALL, make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercise():
    return Exercise.objects.create(
        slug="matmul", title="Matmul", statement="Multiply.", package_hash="x"
    )


@pytest.fixture
def path(exercise):
    return make_path(1, SMALL, exercise=exercise)


def test_the_catalog_shows_cards_with_level_duration_hours_and_tags(client, path):
    response = client.get(reverse("curriculum:catalog"))
    assert response.status_code == 200
    html = response.content.decode()
    assert path.title in html
    assert path.get_level_display() in html
    assert path.duration in html
    assert f"{path.weekly_hours} h" in html
    assert all(tag.slug in html for tag in path.tags.all())


def test_an_htmx_request_gets_only_the_results_partial(client, path):
    response = client.get(
        reverse("curriculum:catalog"), {"level": path.level}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="results"' in html
    assert path.title in html
    assert "<html" not in html and "<form" not in html


def test_the_path_page_shows_timeline_exercises_resources_traps_and_skill_tree(
    client, path, exercise
):
    response = client.get(path.get_absolute_url())
    html = response.content.decode()
    for phase in path.phases.all():
        assert phase.title in html
    for unit in path.units.all():
        assert unit.get_absolute_url() in html
    assert exercise.get_absolute_url() in html and "autograded" in html
    assert path.path_resources.first().why in html
    assert path.traps.first().correction in html
    assert '<svg class="skill-tree"' in html and 'role="group"' in html  # its nodes are links
    assert reverse("curriculum:path-print", args=[path.slug]) in html
    assert reverse("curriculum:glossary") + f"?path={path.slug}" in html


def test_a_mentorship_call_to_action_links_to_the_first_autograded_exercise(client, path, exercise):
    html = client.get(path.get_absolute_url()).content.decode()
    assert "Request a mentor" in html
    assert f'href="{exercise.get_absolute_url()}">Request a mentor' in html


def test_without_an_autograded_exercise_the_call_to_action_points_at_mentorship(client, db):
    path = make_path(2, SMALL)
    html = client.get(path.get_absolute_url()).content.decode()
    assert 'href="#mentorship">Request a mentor' in html


def test_a_path_without_call_to_action_renders(client, path):
    CallToAction.objects.filter(path=path).delete()
    response = client.get(path.get_absolute_url())
    assert response.status_code == 200
    assert "Request a mentor" not in response.content.decode()


def test_the_unit_page_nests_topics_keeping_numbers_and_links_neighbours(client, path):
    unit = path.units.get(number=2)
    response = client.get(unit.get_absolute_url())
    html = response.content.decode()
    assert unit.goal in html and unit.milestone in html
    assert html.index('<span class="topic-num">2.1</span>') < html.index(
        '<span class="topic-num">2.1.1</span>'
    )
    assert '<ul class="topics nested">' in html
    assert reverse("curriculum:unit", args=[path.slug, 1]) in html
    assert reverse("curriculum:unit", args=[path.slug, 3]) in html
    assert f'href="{path.get_absolute_url()}#phase-{unit.phase.number}"' in html


def test_the_first_unit_has_no_previous_link(client, path):
    html = client.get(reverse("curriculum:unit", args=[path.slug, 1])).content.decode()
    assert 'rel="prev"' not in html and 'rel="next"' in html


def test_archived_units_topics_and_exercises_are_hidden(client, path):
    Unit.objects.filter(path=path, number=3).update(is_archived=True)
    topic = Topic.objects.filter(unit__path=path, unit__number=1, depth=1).first()
    topic.is_archived = True
    topic.save()
    item = UnitExercise.objects.filter(unit__path=path, unit__number=1).first()
    item.is_archived = True
    item.save()
    path_html = client.get(path.get_absolute_url()).content.decode()
    assert reverse("curriculum:unit", args=[path.slug, 3]) not in path_html
    unit_html = client.get(reverse("curriculum:unit", args=[path.slug, 1])).content.decode()
    assert topic.title not in unit_html and item.title not in unit_html
    assert client.get(reverse("curriculum:unit", args=[path.slug, 3])).status_code == 404
    # unit 2 skips the archived unit 3 and links to unit 4
    assert (
        reverse("curriculum:unit", args=[path.slug, 4])
        in client.get(reverse("curriculum:unit", args=[path.slug, 2])).content.decode()
    )


def test_a_unit_of_an_archived_phase_is_not_found(client, path):
    Phase.objects.filter(path=path, number=1).update(is_archived=True)
    assert client.get(reverse("curriculum:unit", args=[path.slug, 1])).status_code == 404


@pytest.mark.parametrize(
    "name", ["curriculum:path", "curriculum:path-print", "curriculum:skill-tree"]
)
def test_unpublished_archived_and_unknown_paths_are_not_found(client, path, name):
    assert client.get(reverse(name, args=["no-such-path"])).status_code == 404
    Path.objects.filter(pk=path.pk).update(is_published=False)
    assert client.get(reverse(name, args=[path.slug])).status_code == 404
    Path.objects.filter(pk=path.pk).update(is_published=True, is_archived=True)
    assert client.get(reverse(name, args=[path.slug])).status_code == 404


def test_the_print_page_has_every_unit_topic_and_page_breaks_between_phases(client, path):
    html = client.get(reverse("curriculum:path-print", args=[path.slug])).content.decode()
    for unit in path.units.all():
        assert unit.title in html
    for topic in Topic.objects.filter(unit__path=path):
        assert f">{topic.number}<" in html
    assert html.count('class="print-phase"') >= path.phases.count()


def test_the_skill_tree_page_lists_skills_with_their_prerequisites(client, path):
    html = client.get(reverse("curriculum:skill-tree", args=[path.slug])).content.decode()
    for skill in path.skills.all():
        assert f'id="skill-{skill.slug}"' in html
    assert 'Requires: <a href="#skill-skill-0">' in html


def test_the_library_filters_by_kind_path_and_text(client, path):
    other = make_path(3, SMALL)
    url = reverse("curriculum:resources")
    book = path.resources.filter(kind="book").first()
    html = client.get(url, {"kind": "book"}).content.decode()
    assert book.title in html
    assert all(r.title not in html for r in path.resources.exclude(kind="book"))
    html = client.get(url, {"path": other.slug}).content.decode()
    assert book.title not in html and other.resources.first().title in html
    html = client.get(url, {"q": book.title}).content.decode()
    assert book.title in html and other.resources.first().title not in html


def test_the_glossary_groups_by_path_or_letter(client, path):
    term = path.glossary.first()
    by_path = client.get(reverse("curriculum:glossary")).content.decode()
    assert f'id="path-{path.slug}"' in by_path and term.term in by_path
    az = client.get(reverse("curriculum:glossary"), {"group": "az"}).content.decode()
    assert f'id="letter-{term.term[0].upper()}"' in az and term.definition in az
