"""The reports' bar charts written in Python (meetings/reports/charts.py) are the included
template they replaced, byte for byte, in both languages."""

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString
from django.utils.translation import override

from meetings.models import Meeting
from meetings.reports.charts import bar_chart
from meetings.reports.figures import (
    ANSWER_BANDS,
    AdministrationName,
    AdministrationRow,
    TermReport,
    WorkAreaRow,
)
from meetings.terms import Term
from networks.models import Network

# templates/meetings/reports/_bar_chart.html as it was.
TEMPLATE = """{% load i18n %}
{# A small horizontal bar chart. The same numbers are in the table that follows it, so the chart is hidden from screen readers. #}
<svg class="chart" id="{{ chart_id }}" viewBox="0 0 560 {{ chart.height }}" width="560" height="{{ chart.height }}" role="presentation" aria-hidden="true" focusable="false">
  {% for bar in chart.bars %}
  <text class="chart-label" x="0" y="{{ bar.y|add:14 }}">{{ bar.label|truncatechars:28 }}</text>
  <rect class="chart-bar" x="200" y="{{ bar.y }}" width="{{ bar.width }}" height="20"></rect>
  <text class="chart-value" x="{{ bar.width|add:206 }}" y="{{ bar.y|add:14 }}">{{ bar.value }}{% if suffix %}<tspan> {{ suffix }}</tspan>{% endif %}</text>
  {% endfor %}
  {% if chart.target_min_x %}
  <line class="chart-target" x1="{{ chart.target_min_x }}" x2="{{ chart.target_min_x }}" y1="2" y2="{{ chart.height|add:-2 }}"></line>
  <line class="chart-target" x1="{{ chart.target_max_x }}" x2="{{ chart.target_max_x }}" y1="2" y2="{{ chart.height|add:-2 }}"></line>
  {% endif %}
</svg>
"""  # noqa: E501


def _report(rows: list[AdministrationRow], work_areas: list[WorkAreaRow]) -> TermReport:
    network = Network(code="NEH", name="Nätverk", target_meetings_min=3, target_meetings_max=4)
    held = [Meeting(), Meeting(), Meeting()]  # three held meetings (the charts count them)
    return TermReport(network, Term(2025, "VT"), held, rows, work_areas)


def _row(pk: int, short_name: str, attended, invited, answered, raised) -> AdministrationRow:
    return AdministrationRow(
        AdministrationName(pk, f"Förvaltning {pk}", short_name),
        attended,
        invited,
        answered,
        raised,
    )


ROWS = [
    _row(1, "Miljö & <hav>", [True, None, False], 6, 4, 12),
    _row(2, 'Kultur "och" fritid', [False, False, True], 3, 3, 1),
    _row(3, "Idrott", [None, None, None], 0, 0, 0),
    _row(4, "En förvaltning med ett mycket långt kortnamn", [True, True, True], 8, 1, 3),
]
WORK_AREAS = [
    WorkAreaRow("Koldioxidmålet; klimat- och energifrågor (handlingsplan)", 2, 5),
    WorkAreaRow("Giftfri miljö & <kemikalier>", 0, 0),
]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    "which", ["meetings", "attendance", "answers", "questions", "work_area", "empty"]
)
def test_python_chart_is_the_template_chart(language, which):
    report = _report(ROWS, WORK_AREAS) if which != "empty" else _report([], [])
    chart_name = "questions" if which == "empty" else which
    with override(language):
        chart = getattr(report, f"{chart_name}_chart")
        expected = Template(TEMPLATE).render(
            Context({"chart": chart, "chart_id": f"chart-{which}", "suffix": ""})
        )
        written = bar_chart(chart, f"chart-{which}")
    assert written == expected.strip()
    assert isinstance(written, SafeString)


def test_python_chart_is_the_template_chart_with_a_suffix():
    chart = _report(ROWS, WORK_AREAS).answers_chart
    expected = Template(TEMPLATE).render(
        Context({"chart": chart, "chart_id": "chart-x", "suffix": "st & <mer>"})
    )
    assert bar_chart(chart, "chart-x", "st & <mer>") == expected.strip()


def test_answers_chart_puts_each_share_in_its_band_at_the_edges():
    """Each administration counts in the first band whose top its share reaches (0–24, 25–49,
    50–74, 75–99, 100 %), those without invitations apart; the attendance chart by meetings
    attended, those never ticked apart."""
    shares = [0, 24, 25, 49, 50, 74, 75, 99, 100]
    rows = [_row(n, f"F{n}", [None] * 3, 100, share, 0) for n, share in enumerate(shares)]
    rows += [_row(20, "Utan", [True, False, None], 0, 0, 0)]
    report = _report(rows, WORK_AREAS)
    assert [bar.value for bar in report.answers_chart["bars"]] == [2, 2, 2, 2, 1, 1]
    # Meetings attended 0, 1, 2, 3; not recorded: the nine never ticked.
    assert [bar.value for bar in report.attendance_chart["bars"]] == [0, 1, 0, 0, 9]
    assert (rows[-1].attended_count, rows[-1].recorded_count) == (1, 2)


@pytest.mark.parametrize(
    "label",
    [
        "x" * 28,  # as long as is shown whole
        "x" * 29,  # one longer: cut
        "Miljo\u0308 & <hav>",  # short, decomposed: truncatechars writes it composed (NFC)
        "Förvaltning " + "a\u0308" * 20,  # long with combining marks, which count for nothing
        "",
    ],
)
def test_chart_labels_are_truncatechars_at_the_edges(label):
    from meetings.reports.figures import Bar

    chart = {"bars": [Bar(label, 1, 10, 8)], "height": 44}
    expected = Template(TEMPLATE).render(Context({"chart": chart, "chart_id": "c", "suffix": ""}))
    assert bar_chart(chart, "c") == expected.strip()


def test_summary_and_charts_counted_in_one_pass_are_the_rows_figures():
    """The summary and the charts of counts come from one pass over the rows
    (`TermReport._tallies`): what each row's own figures (`attended_count`, `recorded_count`,
    `answered_percent`) give, counted chart by chart as before."""
    rows = [
        *ROWS,
        _row(5, "Alla", [True, True, True], 3, 3, 0),
        _row(6, "Halva", [False, True, None], 4, 2, 0),
        _row(7, "Ingen", [False, False, False], 2, 0, 5),
    ]
    report = _report(rows, WORK_AREAS)
    counts, not_recorded, bands, no_invitations = [0] * 4, 0, [0] * 5, 0
    for row in rows:
        if row.recorded_count:
            counts[row.attended_count] += 1
        else:
            not_recorded += 1
        if row.answered_percent is None:
            no_invitations += 1
        else:
            bands[
                next(n for n, (_l, high) in enumerate(ANSWER_BANDS) if row.answered_percent <= high)
            ] += 1
    answered, invited = sum(r.answered for r in rows), sum(r.invited for r in rows)
    assert report.summary == {
        "administrations": 7,
        "attended_any": sum(1 for r in rows if r.attended_count),
        "recorded": sum(1 for r in rows if r.recorded_count),
        "answered": answered,
        "invited": invited,
        "answered_percent": round(100 * answered / invited),
        "questions_raised": sum(r.questions_raised for r in rows),
        "questions_reported_back": 0,
    }
    assert [bar.value for bar in report.attendance_chart["bars"]] == [*counts, not_recorded]
    assert [bar.value for bar in report.answers_chart["bars"]] == [*bands, no_invitations]
    assert counts == [1, 3, 0, 2] and bands == [2, 0, 2, 0, 2] and no_invitations == 1
