"""{% load charts %}: `{% chart spec %}` draws a chart spec from submissions.charts as a figure;
`result.curves|curve_charts` turns a result's logged curves into specs.

The figure holds its data as `json_script` JSON and a table for readers without JavaScript;
static/js/charts.js draws it with uPlot. The script tag is written once per response (in the
first figure), so any page or htmx fragment that shows a chart needs nothing else.
"""

from uuid import uuid4

from django import template

from submissions.charts import curve_charts as build_curve_charts

register = template.Library()

_LOADED = "_charts_script_written"


@register.filter
def curve_charts(curves):
    return build_curve_charts(curves or {})


@register.inclusion_tag("submissions/chart.html", takes_context=True)
def chart(context, spec, caption=""):
    request = context.get("request")
    load_script = not getattr(request, _LOADED, False)
    if request is not None:
        setattr(request, _LOADED, True)
    return {
        "spec": spec,
        "caption": caption,
        "id": f"chart-{uuid4().hex[:12]}",
        "load_script": load_script,
    }
