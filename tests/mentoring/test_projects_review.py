"""The project route on the real content: submit → line comment → rubric scores → approve →
the project and its unit's milestone signed off; changes requested lets the learner resubmit."""

import pytest

from curriculum.models import Path as LearningPath
from curriculum.models import UnitExercise
from learning import progress
from learning.models import ItemProgress
from mentoring import reviews as mr
from mentoring.models import LineComment, Review, ReviewRequest
from submissions.models import Status, Submission
from submissions.projects import project_submission_create
from tests.project_content import import_real_content

PATHS = [
    "ml-dl-engineer-16-weeks",  # seed 002
    "ml-engineer-complete-path",  # seed 004
    "ml-engineer-master-curriculum",  # seed 001
    "ml-engineer-roadmap-2025",  # seed 003
    "ml-engineering-deep-dive",  # seed 000
]


@pytest.fixture
def content(db, tmp_path):
    import_real_content(tmp_path)


def project_of(slug: str) -> UnitExercise:
    """A project of the path signed off by a mentor, in a unit without an autograded package
    when there is one (its milestone is then the projects')."""
    items = [
        i
        for i in UnitExercise.objects.live()
        .filter(unit__path__slug=slug)
        .select_related("exercise", "unit")
        .order_by("unit__number", "position")
        if i.route == "project"
    ]
    assert items, f"{slug} has no project a mentor signs off"
    graded = set(
        UnitExercise.objects.live()
        .filter(unit__path__slug=slug, exercise__isnull=False)
        .values_list("unit_id", flat=True)
    )
    return next((i for i in items if i.unit_id not in graded), items[0])


def _submit(learner, item, **kwargs):
    kwargs.setdefault("files", {"README.md": "# My project\n\nResults: 0.93 accuracy.\n"})
    return project_submission_create(user=learner, unit_item=item, note="Please review.", **kwargs)


def _approve(mentor, submission, item, verdict=Review.Verdict.APPROVED):
    thread = ReviewRequest.objects.get(submission__unit_item=item, status__in=["open", "claimed"])
    mr.review_claim(mentor=mentor, request=thread)
    scores = {c["criterion"]: c["points"] - 1 for c in item.rubric_criteria()}
    return mr.review_submit(
        mentor=mentor,
        request=thread,
        submission=submission,
        verdict=verdict,
        summary="Clear write-up.",
        rubric_scores=scores,
    )


@pytest.mark.parametrize("slug", PATHS)
def test_a_project_of_each_path_is_submitted_reviewed_and_signed_off(content, alice, bob, slug):
    item = project_of(slug)
    graded_unit = item.unit.exercises.live().filter(exercise__isnull=False).exists()

    submission = _submit(alice, item)
    assert submission.status == Status.SUBMITTED and submission.exercise_id is None
    thread = ReviewRequest.objects.get(submission=submission)  # opened by mentoring's receiver
    assert thread.question == "Please review."

    mr.review_claim(mentor=bob, request=thread)
    comment = mr.line_comment_add(
        author=bob,
        request=thread,
        submission=submission,
        file="README.md",
        line=3,
        body="Which split?",
    )
    assert LineComment.objects.get() == comment
    rubric = item.rubric_criteria()
    assert len(rubric) >= 3 and all(c["description"] for c in rubric)
    scores = {c["criterion"]: c["points"] for c in rubric}
    review = mr.review_submit(
        mentor=bob,
        request=thread,
        submission=submission,
        verdict=Review.Verdict.APPROVED,
        summary="Well done.",
        rubric_scores=scores,
    )
    assert review.rubric_scores == scores and review.unit_item == item
    assert ItemProgress.objects.get(user=alice, unit_item=item).verified_by == bob

    unit = progress.unit_progress(alice, item.unit)
    assert next(i for i in unit.items if i.id == item.pk).done
    if graded_unit:  # the milestone is the package's (learning.progress): nothing more here
        return
    # Units listing several projects need each approved: approve the rest the same way.
    for other in item.unit.exercises.live().exclude(pk=item.pk):
        assert other.route == "project"
        _approve(bob, _submit(alice, other), other)
    assert progress.unit_progress(alice, item.unit).milestone_reached
    assert not progress.unit_progress(bob, item.unit).milestone_reached  # alice's, not anyone's


def test_changes_requested_lets_the_learner_resubmit_into_the_same_thread(content, alice, bob):
    item = project_of("ml-engineer-roadmap-2025")
    first = _submit(alice, item, repository_url="https://github.com/alice/mnist", commit="a1b2c3d")
    _approve(bob, first, item, verdict=Review.Verdict.CHANGES_REQUESTED)
    assert not ItemProgress.objects.filter(unit_item=item).exists()
    thread = ReviewRequest.objects.get()
    assert thread.state == "changes"

    second = _submit(alice, item, files={"model.py": "import torch\n"})
    assert ReviewRequest.objects.count() == 1  # no second thread: it shows in this one
    assert list(mr.thread_attempts(thread)) == [first, second]
    review = mr.review_submit(
        mentor=bob,
        request=thread,
        submission=second,
        verdict=Review.Verdict.APPROVED,
        summary="Now it is right.",
    )
    assert review.reviewed_submission == second and review.unit_item == item
    assert ItemProgress.objects.get(user=alice, unit_item=item).verified_at


def test_rubric_scores_are_held_to_the_projects_rubric(content, alice, bob):
    item = project_of("ml-engineer-master-curriculum")
    submission = _submit(alice, item)
    thread = ReviewRequest.objects.get()
    mr.review_claim(mentor=bob, request=thread)
    with pytest.raises(mr.ReviewRefused):
        mr.review_submit(
            mentor=bob,
            request=thread,
            submission=submission,
            verdict="approved",
            summary="x",
            rubric_scores={item.rubric_criteria()[0]["criterion"]: 99},
        )
    with pytest.raises(mr.ReviewRefused):
        mr.review_submit(
            mentor=bob,
            request=thread,
            submission=submission,
            verdict="approved",
            summary="x",
            rubric_scores={"code quality": 1},  # the default rubric's, not this project's
        )


def test_project_threads_do_not_mix_projects_or_exercises(content, alice, bob):
    mnist = project_of("ml-engineer-roadmap-2025")
    paper = project_of("ml-engineer-master-curriculum")
    a = _submit(alice, mnist)
    b = _submit(alice, paper)
    ta, tb = ReviewRequest.objects.get(submission=a), ReviewRequest.objects.get(submission=b)
    assert list(mr.thread_attempts(ta)) == [a] and list(mr.thread_attempts(tb)) == [b]
    assert {t.pk for t in mr.review_queue(bob)} == {ta.pk, tb.pk}
    path = LearningPath.objects.get(slug="ml-engineer-master-curriculum")
    assert [t.pk for t in mr.review_queue(bob, path=path)] == [tb.pk]


def _verify(learner, mentor, item):
    """Pass an autograded item, or get a project approved: whichever its route is."""
    if item.route == "autograded":
        Submission.objects.create(
            user=learner,
            exercise=item.exercise,
            files={"solution.py": "x"},
            seed=1,
            status="passed",
        )
    else:
        _approve(mentor, _submit(learner, item), item)


def test_seed_000_skills_follow_the_items_that_prove_them(content, alice, bob):
    """Skill i ↔ week i made "Deployment Strategies" (skill 7 of 6 weeks) unmasterable and
    "Statistics Fundamentals" mastered by week 2's regression project."""
    path = LearningPath.objects.get(slug="ml-engineering-deep-dive")
    items = UnitExercise.objects.live().filter(unit__path=path).select_related("exercise")
    by_week: dict[int, list] = {}
    for item in items.select_related("unit"):  # a week may hold practice beside its task
        by_week.setdefault(item.unit.number, []).append(item)
    for item in by_week[2]:
        _verify(alice, bob, item)
    states = progress.skill_states(path, progress.path_progress(alice, path))
    assert states["supervised-learning-algorithms"] == "mastered"
    assert states["statistics-fundamentals"] != "mastered"
    assert states["deployment-strategies"] == "locked"

    for item in by_week[6]:
        _verify(alice, bob, item)
    states = progress.skill_states(path, progress.path_progress(alice, path))
    assert states["deployment-strategies"] == "mastered"
    assert path.skills.get(slug="deployment-strategies").proven_by.get() in by_week[6]
    for week in (1, 3, 4, 5):
        for item in by_week[week]:
            _verify(alice, bob, item)
    states = progress.skill_states(path, progress.path_progress(alice, path))
    assert set(states.values()) == {"mastered"}  # all seven skills can be mastered


def test_the_thread_page_of_a_project_shows_its_rubric_and_takes_the_verdict(client, alice, bob):
    from django.urls import reverse

    from tests.factories import make_path

    make_path()
    item = UnitExercise.objects.get(title="Project 2")
    item.rubric = [{"criterion": "model", "points": 5, "description": "It trains and generalises."}]
    item.save()
    submission = _submit(alice, item, repository_url="https://github.com/alice/p", commit="abcdef1")
    thread = ReviewRequest.objects.get()
    mr.review_claim(mentor=bob, request=thread)
    client.force_login(bob)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "It trains and generalises." in page and "Model (0–5)" in page
    assert "https://github.com/alice/p" in page and "abcdef1" in page
    assert "Grading result" not in page and "comment bank" not in page
    response = client.post(
        reverse("mentoring:review-comment", args=[thread.pk]),
        {"submission": submission.pk, "file": "README.md", "line": 1, "body": "Title?"},
    )
    assert response.status_code == 302 and LineComment.objects.count() == 1
    response = client.post(
        reverse("mentoring:review-verdict", args=[thread.pk]),
        {"submission": submission.pk, "verdict": "approved", "summary": "Good", "rubric_model": 4},
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.rubric_scores == {"model": 4} and review.unit_item == item
    assert progress.unit_progress(alice, item.unit).milestone_reached  # week 2: projects only
    client.force_login(alice)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Project signed off" in page
    page = client.get(item.get_project_url()).content.decode()
    assert "Approved" in page
