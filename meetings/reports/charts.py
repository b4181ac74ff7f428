"""The reports' small bar charts, written out in Python.

A report page has five charts of up to a dozen bars, and as included templates (a filter or
two per number) they cost about a millisecond each: as much as the rest of the figures. The
markup is the template's own (tests/reports/test_charts.py compares them).
"""

import unicodedata
from html import escape

from django.utils.safestring import SafeString
from django.utils.text import Truncator

# The longest label shown whole; a longer one ends in an ellipsis (the template's
# truncatechars).
LABEL_CHARS = 28


def _shown(label: str) -> str:
    """The label as truncatechars shows it: a short one as it is (Truncator would normalize it
    to NFC first, which a short label in NFC already is), a longer one cut."""
    if len(label) <= LABEL_CHARS and unicodedata.is_normalized("NFC", label):
        return label
    return Truncator(label).chars(LABEL_CHARS)


def bar_chart(chart: dict, chart_id: str, suffix: str = "") -> SafeString:
    """A horizontal bar chart (`TermReport.*_chart`: its bars, its height and, for the
    meetings chart, the target's lines). Hidden from screen readers: the same numbers are in
    the table that follows it."""
    height = chart["height"]
    unit = f"<tspan> {escape(str(suffix))}</tspan>" if suffix else ""
    parts = [
        f'<svg class="chart" id="{escape(str(chart_id))}" viewBox="0 0 560 {height}" '
        f'width="560" height="{height}" role="presentation" aria-hidden="true" '
        'focusable="false">\n'
    ]
    for bar in chart["bars"]:
        label = escape(_shown(bar.label))
        parts.append(
            "  \n"
            f'  <text class="chart-label" x="0" y="{bar.y + 14}">{label}</text>\n'
            f'  <rect class="chart-bar" x="200" y="{bar.y}" width="{bar.width}" '
            'height="20"></rect>\n'
            f'  <text class="chart-value" x="{bar.width + 206}" y="{bar.y + 14}">'
            f"{bar.value}{unit}</text>\n"
        )
    parts.append("  \n  ")
    if chart.get("target_min_x"):
        for x in (chart["target_min_x"], chart["target_max_x"]):
            parts.append(
                f'\n  <line class="chart-target" x1="{x}" x2="{x}" y1="2" y2="{height - 2}"></line>'
            )
        parts.append("\n  ")
    parts.append("\n</svg>")
    return SafeString("".join(parts))
