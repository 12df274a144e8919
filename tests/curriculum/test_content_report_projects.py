"""Rubrics and skill evidence in content files: validated, imported, exported back."""

import copy

import pytest
import yaml

from curriculum.content.paths_export import content_export
from curriculum.content.paths_import import content_import
from curriculum.models import Skill, UnitExercise
from tests.curriculum.test_content_validation import PATH, problems_for, write

RUBRIC = [
    {"criterion": "fit", "points": 4, "description": "The line fits the held-out points."},
    {"criterion": "write-up", "points": 2},
]


def with_project(data, rubric=RUBRIC, kind="project"):
    data["phases"][0]["units"][1]["exercises"] = [
        {
            "title": "Fit a line",
            "summary": "Fit and explain a line.",
            "kind": kind,
            "rubric": rubric,
        }
    ]
    data["skills"][1]["proven_by"] = ["Fit a line"]
    return data


@pytest.mark.django_db
def test_a_rubric_and_proven_by_import_and_export_back(tmp_path):
    root = write(tmp_path / "content", {"basics": with_project(copy.deepcopy(PATH))})
    content_import(content_dir=root)
    item = UnitExercise.objects.get(title="Fit a line")
    assert item.rubric_criteria() == [
        {"criterion": "fit", "points": 4, "description": "The line fits the held-out points."},
        {"criterion": "write-up", "points": 2, "description": ""},
    ]
    assert list(Skill.objects.get(slug="models").proven_by.all()) == [item]
    assert not Skill.objects.get(slug="algebra").proven_by.exists()
    content_export(out_dir=tmp_path / "out")
    exported = yaml.safe_load((tmp_path / "out" / "paths" / "basics" / "path.yaml").read_text())
    unit = exported["phases"][0]["units"][1]
    assert unit["exercises"][0]["rubric"] == [RUBRIC[0], {"criterion": "write-up", "points": 2}]
    assert exported["skills"][1]["proven_by"] == ["Fit a line"]


@pytest.mark.django_db
def test_a_project_without_a_rubric_is_scored_on_one_built_from_its_summary(tmp_path):
    data = with_project(copy.deepcopy(PATH), rubric=[])
    content_import(content_dir=write(tmp_path / "content", {"basics": data}))
    criteria = UnitExercise.objects.get(title="Fit a line").rubric_criteria()
    assert criteria[0] == {
        "criterion": "meets the brief",
        "points": 4,
        "description": "Fit and explain a line.",
    }
    assert len(criteria) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: with_project(d, kind="exercise"), "only a project (kind: project) has one"),
        (
            lambda d: with_project(d, rubric=[{"criterion": "fit", "points": 0}]),
            "worth at least 1 point",
        ),
        (
            lambda d: with_project(d, rubric=[RUBRIC[0], RUBRIC[0]]),
            "rubric criterion",
        ),
        (lambda d: with_project(d, rubric=[{"criterion": "fit"}]), "missing required field"),
        (
            lambda d: with_project(d) and d["skills"][0].update(proven_by=["Fit a lne"]),
            "proven_by names no exercise or project of this path: 'Fit a lne'; did you mean 'Fit a line'?",
        ),
    ],
)
def test_bad_rubrics_and_evidence_are_refused(tmp_path, mutate, message):
    problems = problems_for(tmp_path, mutate)
    assert any(message in p.message for p in problems), [str(p) for p in problems]
