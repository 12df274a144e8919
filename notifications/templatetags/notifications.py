"""{% load notifications %}{% unread_count %}: the header's badge."""

from django import template

from notifications.selectors import unread_count as unread_for

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_count(context) -> int:
    request = context.get("request")
    return unread_for(request.user) if request else 0
