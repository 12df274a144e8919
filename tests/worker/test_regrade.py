"""Regrade batches: every finished submission graded again, the previous result kept beside the new."""

import pytest
from django.core.management import call_command

from submissions.models import Status, Submission
from worker.models import RegradeBatch
from worker.regrade import regrade_batch_create, regrade_batch_run


@pytest.fixture
def graded(alice, matmul):
    """Two finished submissions and one still queued (a regrade must leave it alone)."""
    old = {"version": 1, "status": "fail", "checks": []}
    make = lambda status, score: Submission.objects.create(  # noqa: E731
        user=alice,
        exercise=matmul,
        files={"solution.py": "x"},
        seed=3,
        status=status,
        score=score,
        result=old,
    )
    return make(Status.FAILED, 0.2), make(Status.PASSED, 1.0), make(Status.QUEUED, None)


@pytest.fixture
def fake_grading(monkeypatch):
    monkeypatch.setattr(
        "worker.regrade.grade_now",
        lambda s: (Status.PASSED, 1.0, {"version": 1, "status": "pass"}, ""),
    )


def test_a_batch_holds_every_finished_submission_with_its_previous_result(graded):
    failed, passed, queued = graded
    batch = regrade_batch_create(exercise=failed.exercise)
    assert batch.total == 2
    assert {
        e.submission_id: (e.previous_status, e.previous_score) for e in batch.entries.all()
    } == {failed.pk: ("failed", 0.2), passed.pk: ("passed", 1.0)}


def test_running_a_batch_records_new_results_and_keeps_the_old(graded, fake_grading):
    failed, passed, queued = graded
    batch = regrade_batch_run(regrade_batch_create(exercise=failed.exercise))
    assert (batch.state, batch.progress, batch.changed) == ("finished", "2/2", 1)
    failed.refresh_from_db()
    assert (failed.status, failed.score) == ("passed", 1.0)
    entry = batch.entries.get(submission=failed)
    assert entry.previous_result["status"] == "fail" and entry.new_status == "passed"
    queued.refresh_from_db()
    assert queued.status == "queued"


def test_a_broken_grader_is_recorded_and_leaves_the_submission_alone(graded, monkeypatch):
    def broken(submission):
        raise RuntimeError("reference crashed")

    monkeypatch.setattr("worker.regrade.grade_now", broken)
    failed = graded[0]
    batch = regrade_batch_run(regrade_batch_create(exercise=failed.exercise))
    assert "reference crashed" in batch.entries.get(submission=failed).problem
    failed.refresh_from_db()
    assert (failed.status, failed.score) == ("failed", 0.2)


def test_the_command_prints_progress(graded, fake_grading, capsys):
    call_command("regrade", "matmul-from-scratch")
    out = capsys.readouterr().out
    assert "2 submissions of matmul-from-scratch" in out
    assert "[2/2]" in out and "done: 2 regraded, 1 changed" in out
    assert RegradeBatch.objects.count() == 1


def test_the_admin_action_starts_a_batch(
    graded, client, django_user_model, fake_grading, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "pw"))
    admin_client = client
    started = []
    monkeypatch.setattr("worker.tasks.regrade_batch.delay", lambda pk: started.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/curriculum/exercise/",
            {"action": "regrade_submissions", "_selected_action": [graded[0].exercise.pk]},
            follow=True,
        )
    assert response.status_code == 200
    batch = RegradeBatch.objects.get()
    assert started == [batch.pk] and batch.total == 2
    assert "regrading 2 submissions" in response.content.decode()


def test_a_regrade_result_is_not_written_over_a_row_whose_status_changed_meanwhile(
    graded, monkeypatch
):
    failed, passed, _ = graded
    batch = regrade_batch_create(exercise=failed.exercise)

    def regraded_elsewhere_meanwhile(submission):
        if submission.pk == failed.pk:  # another batch recorded its regrade while this one graded
            Submission.objects.filter(pk=failed.pk).update(status=Status.TIMED_OUT, score=0.0)
        return Status.PASSED, 1.0, {"version": 1, "status": "pass"}, ""

    monkeypatch.setattr("worker.regrade.grade_now", regraded_elsewhere_meanwhile)
    batch = regrade_batch_run(batch)
    assert (batch.state, batch.progress, batch.changed) == ("finished", "2/2", 0)
    failed.refresh_from_db()
    assert (failed.status, failed.score, failed.result["status"]) == ("timed_out", 0.0, "fail")
    entry = batch.entries.get(submission=failed)
    assert "changed while it was regraded" in entry.problem
    assert (entry.new_status, entry.new_score) == ("failed", 0.2) and not entry.changed
    passed.refresh_from_db()
    assert (passed.status, passed.package_hash) == ("passed", batch.package_hash)


def test_a_regrade_writes_the_row_and_its_entry_together(graded, fake_grading, monkeypatch):
    failed = graded[0]
    batch = regrade_batch_create(exercise=failed.exercise)

    def crash(*args, **kwargs):
        raise RuntimeError("the worker died here")

    monkeypatch.setattr("worker.regrade._close_entry", crash)
    with pytest.raises(RuntimeError):
        regrade_batch_run(batch)
    failed.refresh_from_db()
    assert (failed.status, failed.score) == ("failed", 0.2)  # rolled back with its entry
    monkeypatch.undo()
    monkeypatch.setattr(
        "worker.regrade.grade_now",
        lambda s: (Status.PASSED, 1.0, {"version": 1, "status": "pass"}, ""),
    )
    batch = regrade_batch_run(batch)  # the redelivered task resumes it
    failed.refresh_from_db()
    assert (failed.status, failed.score) == ("passed", 1.0)
    assert batch.entries.get(submission=failed).problem == ""
