"""The `markdown` filter, for text written per request (mentoring comments, questions).

Authored curriculum content is not rendered here: it is stored rendered when saved.
"""

from django import template
from django.utils.safestring import mark_safe

from curriculum.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitized by nh3
