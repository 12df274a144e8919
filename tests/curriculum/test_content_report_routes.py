"""content_report --json: every unit's tasks with their routes, and no seed-named task `self`."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from curriculum.content.report import content_report, milestone_route
from curriculum.models import Exercise, Unit, UnitExercise
from tests.factories import make_path
from tests.project_content import import_real_content

SEED_PATHS = {
    "ml-engineering-deep-dive",
    "ml-engineer-master-curriculum",
    "ml-dl-engineer-16-weeks",
    "ml-engineer-roadmap-2025",
    "ml-engineer-complete-path",
}


@pytest.fixture
def matmul(db):
    return Exercise.objects.create(
        slug="matmul", title="Matmul", statement="x", starter_files={}, package_hash="h"
    )


def _report_json() -> list[dict]:
    out = StringIO()
    call_command("content_report", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_each_task_has_its_route_and_the_path_counts_them(matmul):
    path = make_path(matmul)
    Unit.objects.filter(path=path, number=2).update(milestone="You can ship it.")
    (row,) = _report_json()
    assert (row["tasks"], row["autograded"], row["project"], row["self"]) == (6, 1, 3, 2)
    week1, week2 = row["unit_tasks"]
    assert [(t["type"], t["title"], t["route"]) for t in week1["tasks"]] == [
        ("exercise", "Matrix multiplication", "autograded:matmul"),
        ("exercise", "Write-up 1", "self"),
        ("project", "Project 1", "project"),
    ]
    assert week2["tasks"][-1] == {
        "type": "milestone",
        "title": "You can ship it.",
        "route": "project",  # week 2 has no package: its project signs the milestone off
    }


def test_a_milestone_is_verified_by_its_units_packages_first(matmul):
    make_path(matmul)
    week1 = list(UnitExercise.objects.filter(unit__number=1).select_related("exercise"))
    assert milestone_route(week1) == "autograded:matmul"
    assert milestone_route([i for i in week1 if i.kind == "project"]) == "project"
    assert milestone_route([i for i in week1 if i.title.startswith("Write")]) == "self"


def test_an_archived_package_no_longer_grades_its_item(matmul):
    make_path(matmul)
    Exercise.objects.filter(pk=matmul.pk).update(is_archived=True)
    (row,) = content_report(with_routes=True)
    assert row["unit_tasks"][0]["tasks"][0]["route"] == "self"


def test_the_table_has_the_route_columns(matmul):
    make_path(matmul)
    out = StringIO()
    call_command("content_report", stdout=out)
    header = out.getvalue().splitlines()[0].split()
    assert header[-4:] == ["tasks", "autograded", "project", "self"]


@pytest.mark.django_db
def test_no_task_the_seeds_name_is_self_checked(tmp_path):
    """Every exercise, project and milestone of the five seed paths is autograded or signed
    off by a mentor; topics and readings are the only things a learner ticks."""
    import_real_content(tmp_path)
    rows = {row["slug"]: row for row in _report_json()}
    assert set(rows) == SEED_PATHS
    self_checked = [
        (slug, unit["number"], task["title"])
        for slug, row in rows.items()
        for unit in row["unit_tasks"]
        for task in unit["tasks"]
        if task["route"] == "self"
    ]
    assert self_checked == []
    for slug, row in rows.items():
        assert row["tasks"] == row["autograded"] + row["project"] + row["self"]
        assert row["tasks"] > 0, slug
        assert row["project"] > 0, f"{slug} has no project a mentor signs off"
    milestones = [
        t
        for u in rows["ml-dl-engineer-16-weeks"]["unit_tasks"]
        for t in u["tasks"]
        if t["type"] == "milestone"
    ]
    assert len(milestones) == 14  # seed 002's weeks that state one
    for item in UnitExercise.objects.live().filter(kind="project"):
        assert item.rubric_criteria(), item
    written = UnitExercise.objects.live().filter(kind="project", exercise__isnull=True)
    assert all(item.rubric for item in written.exclude(unit__path__slug="ml-dl-engineer-16-weeks"))
