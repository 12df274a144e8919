"""Progress: self-reported and verified kept apart; milestones, approvals and skill states."""

import pytest
from django.utils import timezone

from curriculum.models import Topic, UnitExercise
from learning import progress
from learning.models import ItemProgress
from notifications.models import Notification
from submissions.models import Status, Submission
from tests.factories import make_path


@pytest.fixture
def path(matmul):
    return make_path(matmul)


def passed(user, exercise):
    return Submission.objects.create(
        user=user,
        exercise=exercise,
        files={"solution.py": "x"},
        seed=1,
        status=Status.PASSED,
        score=1.0,
        finished_at=timezone.now(),
    )


def test_a_new_learner_has_nothing_done(alice, path):
    prog = progress.path_progress(alice, path)
    week1 = prog.unit(1)
    assert (week1.self_done, week1.self_total) == (0, 4)  # two topics, one reading, one write-up
    assert (week1.verified_done, week1.verified_total) == (0, 2)  # matmul and the project
    assert not week1.milestone_reached


def test_ticking_a_topic_counts_as_self_reported_only(alice, path):
    topic = Topic.objects.get(number="1.1")
    progress.progress_tick(user=alice, kind="topic", item_id=topic.pk, done=True)
    week1 = progress.path_progress(alice, path).unit(1)
    assert week1.self_done == 1 and week1.verified_done == 0
    progress.progress_tick(user=alice, kind="topic", item_id=topic.pk, done=False)
    assert progress.path_progress(alice, path).unit(1).self_done == 0


def test_an_autograded_exercise_or_a_project_refuses_a_self_tick(alice, path):
    for title in ("Matrix multiplication", "Project 1"):
        item = UnitExercise.objects.get(title=title)
        with pytest.raises(progress.ProgressRejected):
            progress.progress_tick(user=alice, kind="unit_item", item_id=item.pk, done=True)
    assert not ItemProgress.objects.exists()


def test_a_failed_attempt_does_not_count_and_a_pass_reaches_the_milestone(
    alice, charlie, path, matmul
):
    Submission.objects.create(
        user=alice, exercise=matmul, files={}, seed=1, status=Status.FAILED, score=0.4
    )
    assert progress.path_progress(alice, path).unit(1).verified_done == 0
    passed(alice, matmul)
    week1 = progress.path_progress(alice, path).unit(1)
    assert (
        week1.verified_done == 1 and week1.milestone_reached
    )  # the project is not required when an exercise is
    assert (
        progress.path_progress(charlie, path).unit(1).verified_done == 0
    )  # someone else's pass is not mine


def test_a_week_without_autograded_exercises_needs_its_project_approved(alice, bob, path):
    project = UnitExercise.objects.get(title="Project 2")
    assert not progress.path_progress(alice, path).unit(2).milestone_reached
    progress.unit_item_approve(mentor=bob, learner=alice, unit_item=project, feedback="Nice")
    week2 = progress.path_progress(alice, path).unit(2)
    assert week2.milestone_reached and week2.verified_done == 1
    assert Notification.objects.get(user=alice).kind == "approval"


def test_only_mentors_approve(alice, charlie, path):
    with pytest.raises(PermissionError):
        progress.unit_item_approve(
            mentor=charlie, learner=alice, unit_item=UnitExercise.objects.get(title="Project 2")
        )


def test_skill_states_follow_verified_milestones(alice, path, matmul):
    assert progress.skill_states(path, progress.path_progress(alice, path)) == {
        "skill-1": "available",
        "skill-2": "locked",
    }
    passed(alice, matmul)
    assert progress.skill_states(path, progress.path_progress(alice, path)) == {
        "skill-1": "mastered",
        "skill-2": "available",
    }


def test_path_progress_costs_a_constant_number_of_queries(
    alice, path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        prog = progress.path_progress(alice, path)
        assert len(prog.units) == 2


def test_next_items_put_the_verified_work_first(alice, path):
    unit, item = progress.path_progress(alice, path).next_items(limit=1)[0]
    assert unit.unit.number == 1 and item.title == "Matrix multiplication"
