"""Markdown rendering for authored content and comments, sanitized with nh3."""

import markdown as md
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_TAGS = set(nh3.ALLOWED_TAGS) | {
    "pre",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
}


def render_markdown(text: str) -> str:
    html = md.markdown(text or "", extensions=["fenced_code", "tables", "sane_lists"])
    return nh3.clean(html, tags=_TAGS)


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitized by nh3 above
