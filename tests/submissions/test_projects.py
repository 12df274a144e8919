"""Project submissions: typed files, uploads, a repository and commit; never graded."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from curriculum.models import UnitExercise
from mentoring.models import ReviewRequest
from submissions import grading_queue
from submissions.models import Status, Submission
from submissions.projects import project_submission_create, repository_check
from submissions.services import SubmissionRejected
from tests.factories import make_path


@pytest.fixture
def project(db):
    make_path()
    item = UnitExercise.objects.get(title="Project 1")
    item.summary = "Train a model and explain it."
    item.rubric = [{"criterion": "model", "points": 5, "description": "It trains."}]
    item.save()
    return item


@pytest.fixture
def no_grading(monkeypatch):
    sent = []
    monkeypatch.setattr(grading_queue, "enqueue", sent.append)
    return sent


@pytest.mark.parametrize(
    ("url", "commit"),
    [
        ("https://github.com/alice/mnist", "a1b2c3d"),
        ("https://gitlab.com/group/sub/project.git", "0123456789abcdef0123456789abcdef01234567"),
        ("http://git.example.org/alice/repo/", "ABCDEF1"),
    ],
)
def test_a_repository_url_and_commit_of_the_right_shape_are_accepted(url, commit):
    repo = repository_check(url, commit)
    assert repo.url == url and repo.commit == commit.lower()


@pytest.mark.parametrize(
    ("url", "commit", "says"),
    [
        ("https://github.com/alice/mnist", "a1b2c3", "not a commit"),
        ("https://github.com/alice/mnist", "g1b2c3d4", "not a commit"),
        ("https://github.com/alice/mnist", "a" * 41, "not a commit"),
        ("https://github.com/alice/mnist", "", "Give the commit"),
        ("", "a1b2c3d", "Give the repository"),
        ("ftp://github.com/alice/mnist", "a1b2c3d", "should look like"),
        ("https://user:secret@github.com/alice/mnist", "a1b2c3d", "should look like"),
        ("https://127.0.0.1/alice/mnist", "a1b2c3d", "should look like"),
        ("https://github.com:8443/alice/mnist", "a1b2c3d", "should look like"),
        ("https://github.com/alice/mnist?x=1", "a1b2c3d", "should look like"),
        ("https://github.com", "a1b2c3d", "should look like"),
        ("https://github.com/alice mnist", "a1b2c3d", "should look like"),
        ("javascript:alert(1)", "a1b2c3d", "should look like"),
    ],
)
def test_a_repository_of_the_wrong_shape_is_refused(url, commit, says):
    with pytest.raises(SubmissionRejected, match=says):
        repository_check(url, commit)


def test_a_project_attempt_is_submitted_never_graded_and_opens_a_review(
    project, alice, no_grading, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = project_submission_create(
            user=alice,
            unit_item=project,
            repository_url="https://github.com/alice/mnist",
            commit="a1b2c3d",
            note="Look at the training loop.",
        )
    assert submission.status == Status.SUBMITTED and submission.is_terminal
    assert submission.files == {} and submission.exercise_id is None
    assert no_grading == []
    thread = ReviewRequest.objects.get(submission=submission)
    assert thread.question == "Look at the training loop." and thread.learner == alice


def test_nothing_to_review_is_refused(project, alice):
    with pytest.raises(SubmissionRejected, match="Nothing to review"):
        project_submission_create(user=alice, unit_item=project, files={"a.md": "  \n"})
    assert not Submission.objects.exists()


def test_only_a_project_without_a_package_takes_this_route(project, alice):
    write_up = UnitExercise.objects.get(title="Write-up 1")
    with pytest.raises(SubmissionRejected, match="not a project"):
        project_submission_create(user=alice, unit_item=write_up, files={"a.md": "x"})


def test_the_file_limits_are_the_exercises(project, alice):
    with pytest.raises(SubmissionRejected, match="at most 256 KB"):
        project_submission_create(user=alice, unit_item=project, files={"a.py": "x" * 300_000})
    with pytest.raises(SubmissionRejected, match="not allowed"):
        project_submission_create(user=alice, unit_item=project, files={"../a.py": "x"})


def test_the_project_page_shows_the_brief_rubric_and_route(client, project):
    page = client.get(project.get_project_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Train a model and explain it." in text and "It trains." in text
    assert "Mentor sign-off" in text and "Log in to send your work" in text


def test_an_item_that_is_not_a_project_has_no_project_page(client, project):
    write_up = UnitExercise.objects.get(title="Write-up 1")
    assert client.get(reverse("submissions:project", args=[write_up.pk])).status_code == 404


def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


NOTEBOOK = json.dumps(
    {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Notes"},
            {
                "cell_type": "code",
                "id": "b",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": "import numpy as np\nprint(np.pi)",
            },
        ],
    }
)


def test_typed_text_a_zip_and_a_notebook_are_sent_in_one_attempt(client, project, alice):
    client.force_login(alice)
    response = client.post(
        reverse("submissions:project-submit", args=[project.pk]),
        {
            "file_name": "REPORT.md",
            "text": "Accuracy 0.97\r\n",
            "uploads": [
                SimpleUploadedFile(
                    "work.zip", _zip({"proj/train.py": "print(1)\n", "proj/README.md": "hi"})
                ),
                SimpleUploadedFile("analysis.ipynb", NOTEBOOK.encode()),
            ],
            "note": "First try",
        },
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.files["REPORT.md"] == "Accuracy 0.97\n"
    assert set(submission.files) == {"REPORT.md", "train.py", "README.md", "analysis.py"}
    assert submission.files["analysis.py"].startswith("# %% [cell 2]")
    page = client.get(response["Location"]).content.decode()
    assert f"Attempt #{submission.pk}" in page and "Waiting for a mentor" in page


def test_a_refused_upload_says_why_and_keeps_nothing(client, project, alice):
    client.force_login(alice)
    response = client.post(
        reverse("submissions:project-submit", args=[project.pk]),
        {"uploads": [SimpleUploadedFile("model.bin", b"\x00\x01")]},
    )
    assert response.status_code == 422
    assert "not a type we accept" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_bad_commit_is_refused_on_the_page(client, project, alice):
    client.force_login(alice)
    response = client.post(
        reverse("submissions:project-submit", args=[project.pk]),
        {"repository_url": "https://github.com/alice/x", "commit": "xyz"},
    )
    assert response.status_code == 422 and "is not a commit" in response.content.decode()


def test_the_submission_page_of_a_project_attempt_is_the_projects(client, project, alice):
    submission = project_submission_create(user=alice, unit_item=project, files={"a.md": "x"})
    client.force_login(alice)
    response = client.get(reverse("submissions:submission", args=[submission.pk]))
    assert response.status_code == 302 and response["Location"] == project.get_project_url()


def test_the_unit_and_path_pages_badge_each_tasks_route(client, db):
    from curriculum.models import Exercise

    matmul = Exercise.objects.create(
        slug="matmul", title="Matmul", statement="x", starter_files={}, package_hash="h"
    )
    path = make_path(matmul)
    project = UnitExercise.objects.get(title="Project 1")
    for url in (path.get_absolute_url(), reverse("curriculum:unit", args=[path.slug, 1])):
        text = client.get(url).content.decode()
        assert 'data-route="autograded"' in text and ">Autograded</span>" in text
        assert 'data-route="project"' in text and ">Mentor sign-off</span>" in text
        assert 'data-route="self"' in text and ">Self-check</span>" in text
        assert f'href="{project.get_project_url()}"' in text
