"""Review threads on the learner's pages, which `submissions` and `learning` draw without
importing us.

{% load mentoring %}
{% review_threads submission as threads %}      the threads one attempt belongs to
{% with_review_threads attempts as attempts %}  each attempt with `.review_threads` (one query)
{% learner_review_threads user as threads %}    the learner's threads, unfinished first
{% include "mentoring/thread_state.html" with thread=t %}  a thread's state badge and link
"""

from django import template

from mentoring.models import ReviewRequest
from mentoring.reviews import learner_threads, threads_by_attempt, threads_of

register = template.Library()


@register.simple_tag
def review_threads(submission) -> list[ReviewRequest]:
    return threads_of(submission)


@register.simple_tag
def with_review_threads(attempts) -> list:
    attempts = list(attempts)
    threads = threads_by_attempt(attempts)
    for attempt in attempts:
        setattr(attempt, "review_threads", threads[attempt.pk])  # noqa: B010 - not a model field
    return attempts


@register.simple_tag
def learner_review_threads(user, limit: int = 8) -> list[ReviewRequest]:
    if not user.is_authenticated:
        return []
    return learner_threads(user, limit=limit)
