"""{% load charts %} {{ result.curves|line_chart }}: the SVG plot of logged curves."""

from django import template

from submissions.charts import line_chart as render_line_chart

register = template.Library()


@register.filter
def line_chart(series):
    return render_line_chart(series or {})
