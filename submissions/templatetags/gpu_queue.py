"""{% load gpu_queue %}: `submission|gpu_queue_position` for the status fragment and
`{% gpu_queue_health as gpu %}` for the staff grading-health card (submissions.gpu_queue)."""

from django import template

from submissions import gpu_queue

register = template.Library()

register.filter("gpu_queue_position", gpu_queue.gpu_queue_position)


@register.simple_tag
def gpu_queue_health():
    return gpu_queue.gpu_queue_health()
