"""Admin content operations: an exercise check on a worker, and a new path version that keeps progress."""

import copy

import pytest
from django.urls import reverse
from django.utils import timezone

from curriculum.models import ExerciseCheck, Topic, UnitExercise
from curriculum.models import Path as LearningPath
from learning import progress
from learning.models import Enrollment, ItemProgress
from tests.curriculum.test_content_import import PATH, run, write

pytestmark = pytest.mark.django_db


def test_running_a_check_writes_the_row_then_sends_the_task(
    client, admin_user, matmul, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    from config.celery import app

    monkeypatch.setattr(
        app, "send_task", lambda name, args, queue: sent.append((name, args, queue))
    )
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("curriculum:exercise-check-run", args=[matmul.slug]))
    check = ExerciseCheck.objects.get()
    assert response["Location"] == reverse("curriculum:exercise-check", args=[check.pk])
    assert sent == [("worker.tasks.check_exercise", [check.pk], "grading-cpu")]
    page = client.get(response["Location"], headers={"HX-Request": "true"})
    assert page.status_code == 200 and 'data-state="queued"' in page.content.decode()


def test_a_new_path_version_keeps_enrolled_learners_progress(tmp_path, alice, bob):
    content = write(tmp_path / "content", {"basics": copy.deepcopy(PATH)})
    run(content)
    path = LearningPath.objects.get(slug="basics")
    Enrollment.objects.create(
        user=alice, path=path, started_on=timezone.localdate(), weekly_hours=5
    )
    dot = Topic.objects.get(number="1.1")
    project = UnitExercise.objects.get(kind="project")
    progress.progress_tick(user=alice, kind="topic", item_id=dot.pk, done=True)
    progress.unit_item_approve(mentor=bob, learner=alice, unit_item=project)

    version_2 = copy.deepcopy(PATH)
    version_2["version"] = 2
    version_2["phases"][0]["units"].pop()  # week 2 (with the approved project) leaves
    version_2["phases"][0]["units"][0]["topics"].pop(0)  # so does topic 1.1
    write(content, {"basics": version_2})
    run(content)
    path.refresh_from_db()
    assert path.version == 2
    assert (
        ItemProgress.objects.filter(user=alice).count() == 2
    )  # archived, not deleted: nothing cascaded
    assert [u.unit.number for u in progress.path_progress(alice, path).units] == [
        1
    ]  # the live path renders

    write(content, {"basics": copy.deepcopy(PATH)})  # the items come back, and so does the progress
    run(content)
    restored = progress.path_progress(alice, path)
    assert restored.unit(2).milestone_reached
    assert next(i for i in restored.unit(1).items if i.id == dot.pk).done


@pytest.mark.docker
@pytest.mark.integration
def test_a_check_runs_on_a_real_worker_in_the_sandbox(grading_worker, matmul, admin_user, client):
    """The Celery path end to end: the row, the task on the grading queue, the command's output."""
    import time

    client.force_login(admin_user)
    client.post(reverse("curriculum:exercise-check-run", args=[matmul.slug]))
    check = ExerciseCheck.objects.get()
    deadline = time.monotonic() + 240
    while check.state in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.5)
        check.refresh_from_db()
    assert check.state == "ok", check.output or grading_worker.log_path.read_text()[-3000:]
    assert f"ok   {matmul.slug}: reference" in check.output
