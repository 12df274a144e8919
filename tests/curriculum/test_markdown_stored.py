"""Authored Markdown is rendered to sanitized HTML once, when saved, and pages print what is stored."""

import copy
from importlib import import_module
from unittest import mock

import pytest
import yaml
from django.apps import apps
from django.urls import reverse

from curriculum import models
from curriculum.content.paths_import import content_import
from tests.synthetic_paths import SMALL, make_path

pytestmark = pytest.mark.django_db

MARKDOWN_MODELS = [
    models.Path,
    models.Phase,
    models.Unit,
    models.UnitExercise,
    models.CallToAction,
    models.Exercise,
]

RESOURCES = {"resources": [{"slug": "dl-book", "kind": "book", "title": "Deep Learning"}]}
PATH = {
    "slug": "basics",
    "title": "Basics",
    "level": "beginner",
    "duration": "1 week",
    "source": "tests",
    "version": 1,
    "is_published": True,
    "unit_label": "Week",
    "summary": "One **busy** week.",
    "rationale": "Vectors *first*.",
    "next_steps": "Read `numpy` docs.",
    "call_to_action": {"kind": "link", "title": "Join", "text": "Come **along**."},
    "phases": [
        {
            "number": 1,
            "title": "Phase",
            "goal": "Get **fluent**.",
            "units": [
                {
                    "number": 1,
                    "title": "Vectors",
                    "goal": "Learn the **dot** product.",
                    "why_now": "Everything *else* uses it.",
                    "summary": "A `numpy` week.",
                    "exercises": [{"title": "Fit", "summary": "Fit a **line**."}],
                }
            ],
        }
    ],
}


def write_content(root, path=PATH):
    (root / "paths" / "basics").mkdir(parents=True, exist_ok=True)
    (root / "resources.yaml").write_text(yaml.safe_dump(RESOURCES))
    (root / "paths" / "basics" / "path.yaml").write_text(yaml.safe_dump(path))
    return root


@pytest.fixture
def imported(tmp_path):
    content_import(content_dir=write_content(tmp_path / "content"))
    return models.Path.objects.get(slug="basics")


@pytest.fixture
def exercise():
    return models.Exercise.objects.create(
        slug="matmul", title="Matmul", statement="Multiply **two** matrices.", package_hash="x"
    )


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("root", "root@example.com", "pw-root-12345")
    )
    return client


@pytest.mark.parametrize("model", MARKDOWN_MODELS, ids=lambda m: m.__name__)
def test_every_markdown_field_has_a_stored_html_column_that_no_form_edits(model):
    assert model.markdown_fields
    for name in model.markdown_fields:
        column = model._meta.get_field(f"{name}_html")
        assert not column.editable and column.blank


def test_an_import_stores_every_markdown_field_rendered(imported):
    phase = imported.phases.get()
    unit = imported.units.get()
    item = unit.exercises.get()
    assert imported.summary_html == "<p>One <strong>busy</strong> week.</p>"
    assert imported.rationale_html == "<p>Vectors <em>first</em>.</p>"
    assert imported.next_steps_html == "<p>Read <code>numpy</code> docs.</p>"
    assert phase.goal_html == "<p>Get <strong>fluent</strong>.</p>"
    assert unit.goal_html == "<p>Learn the <strong>dot</strong> product.</p>"
    assert unit.why_now_html == "<p>Everything <em>else</em> uses it.</p>"
    assert unit.summary_html == "<p>A <code>numpy</code> week.</p>"
    assert item.summary_html == "<p>Fit a <strong>line</strong>.</p>"
    assert imported.call_to_action.text_html == "<p>Come <strong>along</strong>.</p>"


def test_a_reimport_of_an_edited_unit_updates_its_html(imported, tmp_path):
    edited = copy.deepcopy(PATH)
    edited["phases"][0]["units"][0]["goal"] = "Learn the *cross* product."
    content_import(content_dir=write_content(tmp_path / "content", edited))
    # row_sync saves only the changed columns: the goal's HTML has to go with them.
    assert models.Unit.objects.get().goal_html == "<p>Learn the <em>cross</em> product.</p>"


def test_saving_with_update_fields_writes_the_html_of_those_fields_only(imported):
    unit = imported.units.get()
    unit.summary = "Now **two** weeks."
    unit.goal = "Not saved."
    unit.save(update_fields=["summary"])
    unit.refresh_from_db()
    assert unit.summary_html == "<p>Now <strong>two</strong> weeks.</p>"
    assert unit.goal_html == "<p>Learn the <strong>dot</strong> product.</p>"


def test_a_plain_save_renders_the_html(exercise):
    assert exercise.statement_html == "<p>Multiply <strong>two</strong> matrices.</p>"
    exercise.statement = "Add."
    exercise.save()
    exercise.refresh_from_db()
    assert exercise.statement_html == "<p>Add.</p>"


def test_bulk_writes_render_the_html_too():
    path = make_path(1, SMALL)  # phases, units and their exercises are bulk-created
    unit = path.units.first()
    assert unit.goal_html == f"<p>{unit.goal}</p>"
    assert unit.exercises.first().summary_html.startswith("<p>")
    unit.why_now = "Bulk **edited**."
    models.Unit.objects.bulk_update([unit], ["why_now"])
    unit.refresh_from_db()
    assert unit.why_now_html == "<p>Bulk <strong>edited</strong>.</p>"


def test_an_admin_edit_stores_the_html(staff_client, imported):
    cta = imported.call_to_action
    response = staff_client.post(
        reverse("admin:curriculum_calltoaction_change", args=[cta.pk]),
        {"path": imported.pk, "kind": "link", "title": "Join", "text": "Come *today*."},
    )
    assert response.status_code == 302
    cta.refresh_from_db()
    assert cta.text_html == "<p>Come <em>today</em>.</p>"


def test_a_script_in_markdown_never_reaches_the_stored_html(exercise):
    exercise.statement = 'Hi <script>alert(1)</script> <img src=x onerror="alert(2)">'
    exercise.save()
    exercise.refresh_from_db()
    assert "<script" not in exercise.statement_html
    assert "onerror" not in exercise.statement_html
    assert "Hi" in exercise.statement_html


def test_the_migration_fills_the_html_of_rows_already_there(imported, exercise):
    models.Unit.objects.update(goal_html="")
    models.Exercise.objects.update(statement_html="")
    migration = import_module("curriculum.migrations.0007_rendered_markdown")
    migration.render_stored_markdown(apps, None)
    assert models.Unit.objects.get().goal_html == "<p>Learn the <strong>dot</strong> product.</p>"
    exercise.refresh_from_db()
    assert exercise.statement_html == "<p>Multiply <strong>two</strong> matrices.</p>"


def page_urls(path, exercise):
    return [
        path.get_absolute_url(),
        reverse("curriculum:path-print", args=[path.slug]),
        path.units.get().get_absolute_url(),
        exercise.get_absolute_url(),
    ]


def test_the_pages_print_the_stored_html(client, imported, exercise):
    path_html = client.get(imported.get_absolute_url()).content.decode()
    for stored in (
        imported.summary_html,
        imported.rationale_html,
        imported.next_steps_html,
        imported.call_to_action.text_html,
    ):
        assert f'<div class="prose">{stored}</div>' in path_html
    print_html = client.get(reverse("curriculum:path-print", args=[imported.slug])).content
    assert f'<div class="prose">{imported.phases.get().goal_html}</div>' in print_html.decode()
    unit = imported.units.get()
    unit_html = client.get(unit.get_absolute_url()).content.decode()
    for stored in (unit.goal_html, unit.why_now_html, unit.summary_html):
        assert f'<div class="prose">{stored}</div>' in unit_html
    exercise_html = client.get(exercise.get_absolute_url()).content.decode()
    assert exercise.statement_html in exercise_html


def test_the_pages_print_what_is_stored_not_the_markdown_of_the_moment(client, imported, exercise):
    models.Unit.objects.update(goal_html="<p>Stored goal.</p>")
    unit_html = client.get(imported.units.get().get_absolute_url()).content.decode()
    assert "<p>Stored goal.</p>" in unit_html and "<strong>dot</strong>" not in unit_html


def test_no_page_view_renders_markdown(client, imported, exercise):
    urls = page_urls(imported, exercise)
    refuse = mock.Mock(side_effect=AssertionError("a page view rendered Markdown"))
    with (
        mock.patch("curriculum.markup.render_markdown", refuse),
        mock.patch("curriculum.templatetags.markup.render_markdown", refuse),
        mock.patch("curriculum.models.render_markdown", refuse),
        mock.patch("markdown.markdown", refuse),
    ):
        for url in urls:
            assert client.get(url).status_code == 200, url
    refuse.assert_not_called()
