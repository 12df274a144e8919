"""{% load live_result %}: `submission|status_version`, `submission|poll_interval_ms` and
`submission|status_summary` (see submissions.live) for the status fragment."""

from django import template

from submissions import live

register = template.Library()

register.filter("status_version", live.status_version)
register.filter("status_summary", live.status_summary)
register.filter("poll_interval_ms", live.poll_interval_ms)
