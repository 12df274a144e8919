"""Who may see what, for mentoring's objects and (through the permission backend) attempts.

Every lookup of something a user owns goes through an access helper: strangers get a 404.

Who sees a learner's attempt: the learner; a mentor of a cohort the learner is in; any
mentor once the attempt is in the open review queue (a review request from a learner in
no cohort); the mentor who claimed its review; an admin.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role
from mentoring.models import Cohort, ReviewRequest
from submissions.models import Submission


def _mentored_learner_ids(mentor):
    return Cohort.learners.through.objects.filter(cohort__mentors=mentor).values("user_id")


def _learners_in_a_cohort():
    """Learners whose requests go to their cohort's mentors rather than the open queue."""
    return Cohort.learners.through.objects.filter(cohort__mentors__isnull=False).values("user_id")


def visible_submissions(user) -> QuerySet:
    """The attempts `user` may open (module docstring)."""
    if not user.is_authenticated:
        return Submission.objects.none()
    if user.is_platform_admin:
        return Submission.objects.all()
    mine = Q(user_id=user.pk)
    if not user.is_mentor:
        return Submission.objects.filter(mine)
    return Submission.objects.filter(
        mine
        | Q(user_id__in=_mentored_learner_ids(user))
        | Exists(  # a thread spans the requested attempt and the learner's later ones
            visible_requests(user).filter(
                learner_id=OuterRef("user_id"),
                submission__exercise_id=OuterRef("exercise_id"),
                submission__created_at__lte=OuterRef("created_at"),
            )
        )
    )


def visible_requests(user) -> QuerySet:
    """Review requests (threads) `user` may open: their own, their cohorts', the open queue's."""
    requests = ReviewRequest.objects.all()
    if not user.is_authenticated:
        return requests.none()
    if user.is_platform_admin:
        return requests
    mine = Q(learner_id=user.pk)
    if not user.is_mentor:
        return requests.filter(mine)
    return requests.filter(
        mine
        | Q(learner_id__in=_mentored_learner_ids(user))
        | ~Q(learner_id__in=_learners_in_a_cohort())
        | Q(review__mentor_id=user.pk)
    )


def request_mentors(learner) -> QuerySet:
    """Who is told about a learner's new request: the mentors of the learner's cohorts, whose
    queue it lands in; for a learner in no cohort with mentors, every mentor (the open queue),
    as `visible_requests` decides. Admins see the queue but are not paged."""
    users = get_user_model().objects.filter(is_active=True)
    cohort_mentors = users.filter(mentored_cohorts__learners=learner).distinct()
    if cohort_mentors.exists():
        return cohort_mentors.order_by("pk")
    return users.filter(role=Role.MENTOR).order_by("pk")


def get_request_for_user(user, pk: int) -> ReviewRequest:
    return get_object_or_404(
        visible_requests(user).select_related("submission__exercise", "learner", "review__mentor"),
        pk=pk,
    )


def get_request_for_mentor(user, pk: int) -> ReviewRequest:
    """A thread a mentor acts on (claim, comment, verdict); learners get a 404 here."""
    if not user.is_mentor:
        raise Http404
    return get_request_for_user(user, pk)


def visible_cohorts(user) -> QuerySet:
    if user.is_platform_admin:
        return Cohort.objects.all()
    if user.is_mentor:
        return Cohort.objects.filter(mentors=user)
    return Cohort.objects.none()


def get_cohort_for_user(user, pk: int) -> Cohort:
    return get_object_or_404(visible_cohorts(user).select_related("path"), pk=pk)


def visible_learners(user) -> QuerySet:
    """Learners whose grades and reports `user` may see."""
    users = get_user_model().objects.all()
    if user.is_platform_admin:
        return users
    if user.is_mentor:
        return users.filter(pk__in=_mentored_learner_ids(user))
    return users.none()


def get_learner_for_user(user, pk: int):
    return get_object_or_404(visible_learners(user), pk=pk)


class MentorAccessBackend(BaseBackend):
    """Answers `submissions.view_submission` for one attempt with the rule above.

    Listed in AUTHENTICATION_BACKENDS, so `submissions` asks `user.has_perm(...)` and never
    imports this app; it authenticates nobody.
    """

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if perm != "submissions.view_submission" or not isinstance(obj, Submission):
            return False
        return visible_submissions(user_obj).filter(pk=obj.pk).exists()
