"""import_content is idempotent, edits rows in place, and archives instead of deleting."""

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from curriculum.content import schema
from curriculum.content.paths_export import content_export
from curriculum.content.paths_import import content_import
from curriculum.content.validation import load_content
from curriculum.models import Path as LearningPath
from curriculum.models import PathResource, Phase, Resource, Skill, Topic, Trap, Unit, UnitExercise

REPO = Path(__file__).resolve().parents[2]

RESOURCES = {
    "resources": [
        {
            "slug": "dl-book",
            "kind": "book",
            "title": "Deep Learning",
            "authors": "Goodfellow et al.",
        },
        {
            "slug": "sklearn-docs",
            "kind": "docs",
            "title": "scikit-learn",
            "url": "https://scikit-learn.org",
        },
    ]
}

PATH = {
    "slug": "basics",
    "title": "Basics",
    "level": "beginner",
    "duration": "2 weeks",
    "duration_weeks": 2,
    "weekly_hours": [5, 8],
    "author": "Ada",
    "source": "tests",
    "version": 1,
    "is_published": True,
    "unit_label": "Week",
    "tags": ["maths", "ml"],
    "summary": "Two weeks.\nOn two lines.\n",
    "call_to_action": {"kind": "link", "title": "Join", "text": "Come along."},
    "outcomes": ["Fit a line", "Explain a gradient"],
    "traps": [{"title": "Skipping maths", "why": "It bites later.", "correction": "Do the maths."}],
    "skills": [
        {"slug": "algebra", "title": "Algebra", "requires": []},
        {"slug": "models", "title": "Models", "requires": ["algebra"]},
    ],
    "resources": [{"ref": "dl-book", "why": "reference", "where": "Week 1", "weeks": [1]}],
    "glossary": [{"term": "Gradient", "definition": "Direction of steepest ascent."}],
    "phases": [
        {
            "number": 1,
            "title": "Only phase",
            "units": [
                {
                    "number": 1,
                    "title": "Vectors",
                    "topics": [
                        {
                            "number": "1.1",
                            "title": "Dot product",
                            "children": [{"number": "1.1.1", "title": "Norms"}],
                        },
                        {"title": "Unnumbered aside"},
                    ],
                    "readings": [{"ref": "dl-book", "note": "chapter 2"}],
                },
                {
                    "number": 2,
                    "title": "Regression",
                    "exercises": [{"title": "Fit a line", "kind": "project"}],
                },
            ],
        }
    ],
}


def write(root: Path, paths: dict[str, dict], resources: dict = RESOURCES) -> Path:
    if root.exists():
        shutil.rmtree(root)
    for slug, data in paths.items():
        (root / "paths" / slug).mkdir(parents=True)
        (root / "paths" / slug / "path.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (root / "resources.yaml").write_text(yaml.safe_dump(resources, sort_keys=False))
    return root


@pytest.fixture
def content(tmp_path) -> Path:
    return write(tmp_path / "content", {"basics": copy.deepcopy(PATH)})


def run(root: Path, **options) -> list[str]:
    return content_import(content_dir=root, **options).lines()


@pytest.mark.django_db
def test_first_import_creates_everything_and_summarises_per_path(content):
    lines = run(content)
    assert lines[0] == "resources: created 2 resources"
    assert lines[1].startswith("basics: created 1 path, 1 call to action, 2 outcomes, 1 trap")
    path = LearningPath.objects.get(slug="basics")
    assert (path.weekly_hours_min, path.weekly_hours_max) == (5, 8)
    assert sorted(path.tags.values_list("slug", flat=True)) == ["maths", "ml"]
    assert path.content_hash
    norms = Topic.objects.get(number="1.1.1")
    assert norms.parent.number == "1.1" and norms.depth == 1
    assert list(Skill.objects.get(slug="models").requires.values_list("slug", flat=True)) == [
        "algebra"
    ]
    assert [u.title for u in Unit.objects.order_by("position")] == ["Vectors", "Regression"]


@pytest.mark.django_db
def test_a_second_run_changes_nothing_and_says_so(content, capsys):
    run(content)
    call_command("import_content", "--dir", str(content))
    assert capsys.readouterr().out.strip() == "No changes."


@pytest.mark.django_db
def test_a_forced_run_of_unchanged_files_finds_no_row_to_change(content):
    run(content)
    assert run(content, force=True) == ["No changes."]


@pytest.mark.django_db
def test_an_edited_file_updates_rows_in_place(content):
    run(content)
    unit_id = Unit.objects.get(number=2).pk
    topic_id = Topic.objects.get(number="1.1").pk
    data = copy.deepcopy(PATH)
    data["phases"][0]["units"][1]["title"] = "Linear regression"
    data["phases"][0]["units"][0]["topics"][0]["title"] = "Inner product"
    data["tags"] = ["ml"]
    write(content, {"basics": data})

    (line,) = run(content)
    assert line == "basics: updated 1 path, 1 unit, 1 topic"
    assert Unit.objects.get(pk=unit_id).title == "Linear regression"
    assert Topic.objects.get(pk=topic_id).title == "Inner product"
    assert list(LearningPath.objects.get().tags.values_list("slug", flat=True)) == ["ml"]


@pytest.mark.django_db
def test_removed_items_are_archived_and_keep_their_rows(content):
    run(content)
    unit = Unit.objects.get(number=2)
    exercise = UnitExercise.objects.get(unit=unit)
    data = copy.deepcopy(PATH)
    data["phases"][0]["units"].pop()
    data["traps"] = []
    data["phases"][0]["units"][0]["topics"].pop(0)  # 1.1 and its child 1.1.1
    write(content, {"basics": data})

    (line,) = run(content)
    assert (
        line == "basics: updated 1 topic; archived 1 trap, 1 unit, 2 topics"
    )  # the aside moved up
    unit.refresh_from_db()
    exercise.refresh_from_db()
    assert unit.is_archived and not exercise.is_archived  # the row and its children survive
    assert Trap.objects.get().is_archived
    assert set(Topic.objects.filter(is_archived=True).values_list("number", flat=True)) == {
        "1.1",
        "1.1.1",
    }

    write(content, {"basics": copy.deepcopy(PATH)})
    assert "restored 1 trap, 1 unit, 2 topics" in run(content)[0]
    assert Unit.objects.get(number=2).pk == unit.pk


@pytest.mark.django_db
def test_a_removed_path_folder_archives_the_path_and_a_removed_resource_is_archived(content):
    other = {**copy.deepcopy(PATH), "slug": "other", "title": "Other"}
    write(content, {"basics": copy.deepcopy(PATH), "other": other})
    run(content)
    write(content, {"basics": copy.deepcopy(PATH)}, {"resources": RESOURCES["resources"][:1]})
    assert run(content) == [
        "resources: archived 1 resource",
        "other: archived 1 path",
        "unchanged: basics",
    ]
    assert LearningPath.objects.get(slug="other").is_archived
    assert Resource.objects.get(slug="sklearn-docs").is_archived


@pytest.mark.django_db
def test_a_dry_run_reports_but_writes_nothing(content):
    lines = run(content, dry_run=True)
    assert lines[-1] == "Dry run: rolled back, nothing was written."
    assert any(line.startswith("basics: created") for line in lines)
    assert not LearningPath.objects.exists() and not Phase.objects.exists()


@pytest.mark.django_db
def test_export_then_import_is_a_no_op_and_the_files_mean_the_same(content, tmp_path):
    run(content)
    out = tmp_path / "exported"
    call_command("export_content", "--dir", str(out))
    assert run(out) == ["No changes."]
    assert run(out, force=True) == ["No changes."]
    assert _meaning(out) == _meaning(content)
    text = (out / "paths" / "basics" / "path.yaml").read_text()
    assert "summary: |\n  Two weeks.\n  On two lines.\n" in text  # readable block text


@pytest.mark.django_db
def test_export_leaves_archived_items_out(content, tmp_path):
    run(content)
    Unit.objects.filter(number=2).update(is_archived=True)
    PathResource.objects.update(is_archived=True)
    content_export(out_dir=tmp_path / "out")
    exported = yaml.safe_load((tmp_path / "out" / "paths" / "basics" / "path.yaml").read_text())
    assert [u["number"] for u in exported["phases"][0]["units"]] == [1]
    assert "resources" not in exported


def _meaning(root: Path) -> dict:
    """What a content folder says, independent of formatting, defaults, tag and resource order."""
    loaded = load_content(root)
    paths = {}
    for spec in loaded.paths:
        paths[spec.data["slug"]] = {**spec.data, "tags": sorted(spec.data["tags"])}
    return {"resources": sorted(loaded.resources, key=lambda r: r["slug"]), "paths": paths}


def test_normalize_fills_defaults_so_implicit_and_explicit_files_agree():
    explicit = schema.normalize(
        {"title": "t", "kind": "exercise", "summary": "", "package": ""},
        schema.UNIT.record["exercises"].items,
    )
    implicit = schema.normalize({"title": "t"}, schema.UNIT.record["exercises"].items)
    assert explicit == implicit


@pytest.mark.django_db
def test_the_real_content_round_trips(tmp_path):
    """import content/ → export → import the export: nothing changes, and the files mean the same."""
    run(REPO / "content")
    content_export(out_dir=tmp_path / "out")
    shutil.copytree(REPO / "content" / "exercises", tmp_path / "out" / "exercises")
    assert run(tmp_path / "out", force=True) == ["No changes."]
    assert _meaning(tmp_path / "out") == _meaning(REPO / "content")
