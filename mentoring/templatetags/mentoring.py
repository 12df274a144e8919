"""Review state on the learner's pages, which `submissions` draws without importing us.

{% load mentoring %}{% open_review submission as review %} or
{% open_reviews attempts as open_ids %} (one query for a whole list).
"""

from django import template

from mentoring.models import ReviewRequest
from mentoring.reviews import open_request

register = template.Library()


@register.simple_tag
def open_review(submission):
    return open_request(submission)


@register.simple_tag
def open_reviews(attempts) -> set[int]:
    return set(
        ReviewRequest.objects.filter(submission__in=list(attempts))
        .exclude(status=ReviewRequest.Status.CLOSED)
        .values_list("submission_id", flat=True)
    )
