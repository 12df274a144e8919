"""import_content refuses invalid content with one precise problem per mistake, writing nothing."""

import copy
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from curriculum.content.paths_import import content_import
from curriculum.content.problems import ContentInvalid
from curriculum.models import Path as LearningPath
from curriculum.models import Resource

RESOURCES = {
    "resources": [
        {"slug": "dl-book", "kind": "book", "title": "Deep Learning"},
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
    "author": "Ada",
    "source": "tests",
    "version": 1,
    "is_published": True,
    "unit_label": "Week",
    "summary": "Two weeks.",
    "skills": [
        {"slug": "algebra", "title": "Algebra", "requires": []},
        {"slug": "models", "title": "Models", "requires": ["algebra"]},
    ],
    "resources": [{"ref": "dl-book", "why": "reference", "weeks": [1]}],
    "phases": [
        {
            "number": 1,
            "title": "Only phase",
            "units": [
                {"number": 1, "title": "Vectors", "readings": [{"ref": "dl-book"}]},
                {"number": 2, "title": "Regression", "exercises": [{"title": "Fit a line"}]},
            ],
        }
    ],
}


def write(root: Path, paths: dict[str, dict | str], resources: dict | str = RESOURCES) -> Path:
    """A content folder; a str is written verbatim (for syntax errors)."""
    root.mkdir(exist_ok=True)
    dump = lambda data: data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)  # noqa: E731
    (root / "resources.yaml").write_text(dump(resources))
    for slug, data in paths.items():
        (root / "paths" / slug).mkdir(parents=True, exist_ok=True)
        (root / "paths" / slug / "path.yaml").write_text(dump(data))
    return root


def problems_for(tmp_path, mutate=None, *, extra_paths=None, resources=RESOURCES) -> list:
    data = copy.deepcopy(PATH)
    if mutate:
        mutate(data)
    root = write(tmp_path / "content", {"basics": data, **(extra_paths or {})}, resources)
    with pytest.raises(ContentInvalid) as raised:
        content_import(content_dir=root)
    return raised.value.problems


def line_of(file: Path, text: str) -> int:
    return next(i for i, line in enumerate(file.read_text().splitlines(), 1) if text in line)


def path_file(tmp_path) -> Path:
    return tmp_path / "content" / "paths" / "basics" / "path.yaml"


@pytest.mark.django_db
def test_the_valid_fixture_imports(tmp_path):
    report = content_import(content_dir=write(tmp_path / "content", {"basics": PATH}))
    assert "basics" in report.paths


@pytest.mark.django_db
def test_it_reports_bad_yaml_at_the_parsers_line(tmp_path):
    text = "slug: basics\ntitle: [unclosed\nlevel: beginner\n"
    problems = problems_for(tmp_path, extra_paths={"broken": text})
    broken = [p for p in problems if p.file.parent.name == "broken"]
    assert len(broken) == 1 and "invalid YAML" in broken[0].message
    assert broken[0].line in (2, 3, 4)


@pytest.mark.django_db
def test_it_names_an_unknown_field_and_suggests_the_right_one(tmp_path):
    (problem,) = problems_for(tmp_path, lambda d: d["phases"][0]["units"][0].update(titel="x"))
    assert problem.message == "unknown field 'titel'; did you mean 'title'?"
    assert problem.field == "phases[0].units[0].titel"
    assert problem.line == line_of(path_file(tmp_path), "titel:")


@pytest.mark.django_db
def test_it_reports_a_missing_required_field_at_its_mapping(tmp_path):
    (problem,) = problems_for(tmp_path, lambda d: d["phases"][0]["units"][1].pop("title"))
    assert problem.message == "missing required field 'title'"
    assert problem.field == "phases[0].units[1].title"
    assert problem.line == line_of(path_file(tmp_path), "number: 2")


@pytest.mark.django_db
def test_it_rejects_a_value_outside_the_choices_with_a_suggestion(tmp_path):
    (problem,) = problems_for(tmp_path, lambda d: d.update(level="beginer"))
    assert "'beginer' is not one of beginner, intermediate, advanced, expert" in problem.message
    assert "did you mean 'beginner'" in problem.message
    assert problem.line == line_of(path_file(tmp_path), "level:")


@pytest.mark.django_db
def test_it_rejects_a_wrong_type(tmp_path):
    (problem,) = problems_for(tmp_path, lambda d: d.update(duration_weeks="two"))
    assert problem.field == "duration_weeks"
    assert problem.message == "expected a non-negative integer, got text 'two'"


@pytest.mark.django_db
@pytest.mark.parametrize("value", [True, 3, "ml", {"a": 1}])
def test_a_tag_list_of_the_wrong_type_is_reported_not_a_crash(tmp_path, value):
    (problem,) = problems_for(tmp_path, lambda d: d.update(tags=value))
    assert problem.field == "tags" and problem.message.startswith("expected list")


@pytest.mark.django_db
def test_it_rejects_a_float_topic_number_that_would_lose_digits(tmp_path):
    (problem,) = problems_for(
        tmp_path,
        lambda d: d["phases"][0]["units"][0].update(topics=[{"number": 1.10, "title": "x"}]),
    )
    assert problem.field == "phases[0].units[0].topics[0].number"
    assert "quote numbers with a dot" in problem.message


@pytest.mark.django_db
def test_it_reports_duplicate_resource_slugs(tmp_path):
    resources = {
        "resources": [
            *RESOURCES["resources"],
            {"slug": "dl-book", "kind": "book", "title": "Again"},
        ]
    }
    (problem,) = problems_for(tmp_path, resources=resources)
    assert problem.file.name == "resources.yaml"
    assert problem.message.startswith("duplicate resource slug 'dl-book' (first at line 2)")


@pytest.mark.django_db
def test_it_reports_a_path_slug_that_differs_from_its_folder(tmp_path):
    other = {**copy.deepcopy(PATH), "title": "Other"}
    problems = problems_for(tmp_path, extra_paths={"other": other})
    assert [p.message for p in problems] == ["slug 'basics' must equal the folder name 'other'"]


@pytest.mark.django_db
def test_it_reports_duplicate_skill_slugs_and_unit_numbers(tmp_path):
    def mutate(d):
        d["skills"].append({"slug": "algebra", "title": "Again"})
        d["phases"][0]["units"][1]["number"] = 1

    messages = sorted(p.message for p in problems_for(tmp_path, mutate))
    assert messages[0].startswith("duplicate Week number 1 (first at line")
    assert messages[1].startswith("duplicate skill slug 'algebra'")


@pytest.mark.django_db
def test_it_shows_the_skill_cycle(tmp_path):
    (problem,) = problems_for(tmp_path, lambda d: d["skills"][0].update(requires=["models"]))
    assert problem.message == "skill prerequisites form a cycle: algebra → models → algebra"


@pytest.mark.django_db
def test_it_reports_dangling_references(tmp_path):
    def mutate(d):
        d["resources"][0]["ref"] = "dl-bok"
        d["phases"][0]["units"][0]["readings"][0]["ref"] = "nowhere"
        d["skills"][1]["requires"] = ["calculus"]
        d["cross_references"] = [{"path": "missing-path"}]
        d["phases"][0]["units"][1]["exercises"][0]["package"] = "no-such-package"

    problems = {p.field: p.message for p in problems_for(tmp_path, mutate)}
    assert problems["resources[0].ref"] == (
        "unknown resource 'dl-bok' (not in resources.yaml); did you mean 'dl-book'?"
    )
    assert problems["phases[0].units[0].readings[0].ref"].startswith("unknown resource 'nowhere'")
    assert problems["skills[1].requires"] == "requires unknown skill 'calculus'"
    assert problems["cross_references[0].path"] == "cross-reference to unknown path 'missing-path'"
    assert problems["phases[0].units[1].exercises[0].package"].startswith(
        "exercise package 'no-such-package' not found"
    )


@pytest.mark.django_db
def test_a_package_whose_folder_exists_is_not_dangling(tmp_path):
    data = copy.deepcopy(PATH)
    data["phases"][0]["units"][1]["exercises"][0]["package"] = "fit-a-line"
    root = write(tmp_path / "content", {"basics": data})
    (root / "exercises" / "fit-a-line").mkdir(parents=True)
    with pytest.raises(ContentInvalid) as raised:
        content_import(content_dir=root)
    assert not any(p.field.endswith("package") for p in raised.value.problems)


@pytest.mark.django_db
def test_it_reports_duplicate_keys_that_yaml_would_silently_overwrite(tmp_path):
    text = yaml.safe_dump(PATH, sort_keys=False) + "title: Second title\n"
    problems = problems_for(tmp_path, extra_paths={"basics": text})
    assert [p.message for p in problems] == [
        "duplicate key 'title' (the later value would silently win)"
    ]


@pytest.mark.django_db
def test_the_command_lists_every_problem_and_writes_nothing(tmp_path, capsys):
    data = copy.deepcopy(PATH)
    data["level"] = "guru"
    data["phases"][0]["units"][0]["readings"][0]["ref"] = "nowhere"
    root = write(tmp_path / "content", {"basics": data})
    with pytest.raises(CommandError, match=r"2 problem\(s\) found; nothing was written"):
        call_command("import_content", "--dir", str(root))
    err = capsys.readouterr().err
    assert f"{root / 'paths/basics/path.yaml'}:" in err
    assert "[level]" in err and "[phases[0].units[0].readings[0].ref]" in err
    assert not LearningPath.objects.exists() and not Resource.objects.exists()
