"""The goal report's CSV rows are worked out from the database's own values, each distinct
number and each distinct set of figures once, and written without csv.writer
(meetings/goals/views.py, `_report_csv_text`): they must be what the figures' rules give each
indicator on its own, read through the ORM, as csv.writer writes them."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import translation

from meetings.goals import figures as goals
from meetings.goals import views
from meetings.models import ActionItem, Goal, Indicator
from tests import factories

pytestmark = pytest.mark.django_db


def _expected_rows(network) -> list[list]:
    """The CSV's rows one indicator at a time, from model instances."""

    def safe(text: str) -> str:
        return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text

    rows = []
    report = Goal.objects.filter(work_area__network=network).order_by(*views.REPORT_ORDER)
    for goal in report:
        opened = goal.action_items.exclude(status=ActionItem.Status.DONE).count()
        start = [safe(goal.work_area.name), safe(goal.title), goal.target_year]
        indicators = list(goal.indicators.order_by("pk"))
        if not indicators:
            no_values = str(goals.STATUS_LABELS[goals.NO_VALUES])
            rows.append([*start, "", "", "", "", "", "", "", "", no_values, opened])
        for indicator in indicators:
            latest = indicator.values.order_by("-year").first()
            value = latest.value if latest else None
            status = goals.track_status(
                baseline_year=indicator.baseline_year,
                baseline_value=indicator.baseline_value,
                target_year=goal.target_year,
                target_value=indicator.target_value,
                lower_is_better=indicator.direction == Indicator.Direction.LOWER,
                latest=(latest.year, value) if latest else None,
            )
            progress = goals.progress_percent(
                indicator.baseline_value, indicator.target_value, value
            )
            rows.append(
                [
                    *start,
                    safe(indicator.name),
                    safe(indicator.unit),
                    indicator.baseline_year,
                    goals.display_number(indicator.baseline_value),
                    latest.year if latest else "",
                    goals.display_number(value) if latest else "",
                    goals.display_number(indicator.target_value),
                    "" if progress is None else progress,
                    str(goals.STATUS_LABELS[status]),
                    opened,
                ]
            )
    return rows


@pytest.mark.parametrize("language", ["sv", "en"])
def test_csv_rows_are_each_indicators_figures(neh, nsh, language):
    """Indicators sharing their numbers under goals of other target years (so other
    statuses), the same latest value in other years, numbers with and without decimals and
    below zero, either direction, an indicator without values, a goal without indicators,
    typed text that starts like a formula, open and done actions, another network's goal."""
    early = factories.make_goal(neh, title="=Tidigt mål", target_year=2022)
    late = factories.make_goal(neh, title="Sent mål", target_year=2040)
    factories.make_goal(neh, title="Utan indikatorer")
    other = factories.make_goal(nsh, title="Annat nätverk")
    for goal in (early, late, other):
        factories.make_indicator(goal, name="Utsläpp", values={2021: "600"})
        factories.make_indicator(goal, name="-Minus", unit="@enhet", values={2023: "600"})
        factories.make_indicator(goal, name="Samma", values={2021: "600.000"})
        factories.make_indicator(
            goal,
            name="Högre",
            direction=Indicator.Direction.HIGHER,
            baseline_value=Decimal("-2.5"),
            target_value=Decimal("10.125"),
            values={2020: "3", 2024: "-3.75"},
        )
        factories.make_indicator(goal, name="Tom", values={})
    meeting = factories.make_meeting(neh, days_ahead=-10)
    factories.make_action(meeting, goal=early)
    factories.make_action(meeting, goal=early)
    factories.make_action(meeting, goal=late, status=ActionItem.Status.DONE)
    tricky = factories.make_goal(neh, title='Mål; med "citat"\noch rader', target_year=2035)
    factories.make_indicator(tricky, name="\r-Retur;", unit='"', values={2024: "-1.5"})
    with translation.override(language):
        expected = _expected_rows(neh)
        written = views._report_csv_text(neh)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(expected)
    assert written == buffer.getvalue()
    found = list(csv.reader(io.StringIO(written), delimiter=";"))
    assert found == [[str(cell) for cell in row] for row in expected]
    assert next(row[3:5] for row in found if row[1].startswith("Mål;")) == ["'\r-Retur;", '"']
    statuses = {(row[1], row[3]): row[11] for row in found}
    # The same numbers under goals of other target years: other statuses.
    assert statuses[("'=Tidigt mål", "Utsläpp")] != statuses[("Sent mål", "Utsläpp")]
    assert [row[3] for row in found if row[1] == "Sent mål"] == [
        "Utsläpp",
        "'-Minus",
        "Samma",
        "Högre",
        "Tom",
    ]


def test_the_unconverted_rows_convert_to_the_rows(goal, neh):
    """`unconverted_rows` with its converters gives what `rows` gives."""
    factories.make_indicator(goal, name="Bråk", values={2021: "0.125", 2022: "-7"})
    factories.make_indicator(goal, name="Tom", values={})
    found, converters = views._CSV_INDICATORS.unconverted_rows(network_id=neh.pk)
    converted = [
        tuple(
            value if convert is None else convert(value)
            for value, convert in zip(row, converters, strict=True)
        )
        for row in found
    ]
    assert converted == views._CSV_INDICATORS.rows(network_id=neh.pk)
    assert len(converted) == 3
    assert views._CSV_INDICATORS.unconverted_rows(network_id=2**70) == ([], [])
