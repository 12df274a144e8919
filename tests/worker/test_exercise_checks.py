"""The exercise-check task body: the command's output is recorded, a redelivery runs nothing."""

import pytest
from django.core.management.base import CommandError
from django.urls import reverse

from curriculum.models import ExerciseCheck
from worker import exercise_checks

pytestmark = pytest.mark.django_db


def test_the_task_records_the_commands_output(matmul, monkeypatch):
    def fine(name, slug, stdout, stderr):
        stdout.write(f"ok   {slug}: reference scores 1.0\n")

    monkeypatch.setattr(exercise_checks, "call_command", fine)
    check = ExerciseCheck.objects.create(exercise=matmul)
    done = exercise_checks.exercise_check_run(check.pk)
    assert done.state == "ok" and "reference scores 1.0" in done.output and done.finished_at
    assert (
        exercise_checks.exercise_check_run(check.pk).output == done.output
    )  # redelivered: no second run


def test_a_failing_check_is_shown_as_failed(client, admin_user, matmul, monkeypatch):
    def misses(name, slug, stdout, stderr):
        stdout.write(f"MISS {slug}: the starter passes\n")
        raise CommandError("1 problem(s)")

    monkeypatch.setattr(exercise_checks, "call_command", misses)
    check = exercise_checks.exercise_check_run(ExerciseCheck.objects.create(exercise=matmul).pk)
    assert (
        check.state == "failed"
        and "the starter passes" in check.output
        and "1 problem(s)" in check.output
    )
    client.force_login(admin_user)
    response = client.get(
        reverse("curriculum:exercise-check", args=[check.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 286  # htmx stops polling
