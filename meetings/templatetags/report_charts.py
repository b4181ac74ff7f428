"""`{% bar_chart report.answers_chart "chart-answers" %}`: a report's bar chart
(meetings/reports/charts.py)."""

from django import template
from django.utils.safestring import SafeString

from meetings.reports.charts import bar_chart as _bar_chart

register = template.Library()


@register.simple_tag
def bar_chart(chart: dict, chart_id: str, suffix: str = "") -> SafeString:
    return _bar_chart(chart, chart_id, suffix)
