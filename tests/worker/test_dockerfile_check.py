"""The `dockerfile` check: static rules on the text, as Docker reads the instructions."""

from __future__ import annotations

import pytest

from worker.judge.dockerfile import instructions, judge_dockerfile_text

RULES = ["pinned_base", "non_root_user", "exposes_port", "has_command"]
GOOD = """# syntax=docker/dockerfile:1
FROM python:3.11.9-slim AS base
RUN pip install --no-cache-dir \\
    flask==3.1.3
RUN useradd --create-home app
USER app
EXPOSE 8000
CMD ["python", "solution.py"]
"""


def test_a_good_dockerfile_meets_every_rule():
    assert judge_dockerfile_text(GOOD, "Dockerfile", RULES, 8000) == []


def test_continuations_and_comments_are_read_as_docker_reads_them():
    found = instructions("from python:3.11-slim\nRUN a \\\n  # a comment\n  b\n")
    assert [(k, r) for _, k, r in found] == [("FROM", "python:3.11-slim"), ("RUN", "a b")]


@pytest.mark.parametrize(
    "change, says",
    [
        (("FROM python:3.11.9-slim AS base", "FROM python"), "has no tag"),
        (("FROM python:3.11.9-slim AS base", "FROM python:latest"), "moving tag ':latest'"),
        (("USER app", "USER root"), "is root"),
        (("USER app\n", ""), "no USER line"),
        (("EXPOSE 8000", "EXPOSE 5000"), "exposes 5000, but the service listens on 8000"),
        (("EXPOSE 8000\n", ""), "no EXPOSE line"),
        (
            ('CMD ["python", "solution.py"]', "CMD ['python', 'solution.py']"),
            "not a valid JSON list",
        ),
        (('CMD ["python", "solution.py"]\n', ""), "no CMD"),
    ],
)
def test_each_broken_rule_says_what_to_fix(change, says):
    text = GOOD.replace(*change)
    problems = judge_dockerfile_text(text, "Dockerfile", RULES, 8000)
    assert len(problems) == 1 and says in problems[0]


def test_a_digest_pins_and_a_later_stage_may_build_on_an_earlier_one():
    text = (
        "FROM python@sha256:" + "a" * 64 + " AS build\nRUN true\n"
        "FROM build\nUSER 10001\nEXPOSE 8000/tcp\nENTRYPOINT python solution.py\n"
    )
    assert judge_dockerfile_text(text, "Dockerfile", RULES, 8000) == []


def test_the_user_of_the_final_stage_counts():
    text = "FROM python:3.11.9 AS a\nUSER app\nFROM python:3.11.9\nEXPOSE 8000\nCMD python x.py\n"
    assert "no USER line" in judge_dockerfile_text(text, "Dockerfile", RULES, 8000)[0]


def test_a_missing_dockerfile_is_named():
    assert "no file named Dockerfile" in judge_dockerfile_text(None, "Dockerfile", RULES)[0]


def test_packages_declare_the_new_kinds_and_a_wrong_folder(tmp_path):
    """The package loader knows `figure` and `dockerfile` checks and wrong-solution folders."""
    from pathlib import Path

    from curriculum.content.exercise_packages import load_package

    root = Path(__file__).resolve().parents[2] / "content/exercises/kmeans-rest-api"
    package, problems = load_package(root)
    assert problems == []
    wrong = {name: files for name, files, _ in package.wrong_solutions()}
    assert set(wrong["dockerfile_runs_as_root"]) == {"Dockerfile", "solution.py"}
    eigen, problems = load_package(root.parent / "covariance-eigenvectors")
    assert problems == [] and "figure" in {c["kind"] for c in eigen.checks}
