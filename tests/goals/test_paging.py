"""The goal pages stay bounded as goals, actions and follow-ups pile up over the years: the
goals a page at a time, a goal's action plan a page at a time (open ones first), the latest
follow-ups only; the report counts the open actions without reading them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.goals.views import RECENT_FOLLOW_UPS, RECENT_YEARS
from meetings.models import ActionItem, AgendaItem
from meetings.paging import PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("goal_list", kwargs={"code": "neh"})


@pytest.fixture
def many_goals(neh):
    return [factories.make_goal(neh, title=f"Mål {n:02d}") for n in range(PER_PAGE + 3)]


def titles(html: str, prefix: str, count: int = 60) -> set[str]:
    return {f"{prefix} {n:02d}" for n in range(count) if f">{prefix} {n:02d}<" in html}


def test_goal_list_shows_a_page_of_goals_and_visa_fler(many_goals, client_for):
    html = client_for("staff").get(LIST).content.decode()
    assert len(titles(html, "Mål")) == PER_PAGE
    assert f"Visar 1–{PER_PAGE} av {PER_PAGE + 3}." in html
    assert 'hx-get="?page=2"' in html


def test_goal_list_next_page_by_htmx_is_only_the_next_goals(many_goals, client_for):
    response = client_for("staff").get(LIST + "?page=2", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and len(titles(html, "Mål")) == 3
    assert f'data-announce="Visar 1–{PER_PAGE + 3} av {PER_PAGE + 3} mål."' in html
    assert html.count("data-focus") == 1
    assert 'id="goals-more"' in html and "Visa fler" not in html


def test_goal_list_shows_each_indicators_latest_value(goal, client_for):
    html = client_for("staff").get(LIST).content.decode()
    assert "500,5 ton CO2e (2024)" in html
    assert "900 ton CO2e" not in html and "700 ton CO2e" not in html


def test_goal_action_plan_is_paged_open_ones_first(goal, neh, client_for):
    meeting = factories.make_meeting(neh, days_ahead=-10)
    today = timezone.localdate()
    for n in range(PER_PAGE + 2):
        factories.make_action(
            meeting,
            goal=goal,
            title=f"Klar {n:02d}",
            status=ActionItem.Status.DONE,
            due_on=today - datetime.timedelta(days=n),
        )
    factories.make_action(
        meeting, goal=goal, title="Öppen 00", due_on=today + datetime.timedelta(days=400)
    )
    client = client_for("staff")
    html = client.get(goal.get_absolute_url()).content.decode()
    assert ">Öppen 00<" in html  # open first, though due last
    assert len(titles(html, "Klar")) == PER_PAGE - 1
    assert f"{PER_PAGE + 2} av {PER_PAGE + 3} åtgärder klara" in html  # counts over the plan
    assert 'hx-get="?atgarder=2"' in html

    more = client.get(goal.get_absolute_url() + "?atgarder=2", HTTP_HX_REQUEST="true")
    rows = more.content.decode()
    assert "<html" not in rows and len(titles(rows, "Klar")) == 3
    assert f'data-announce="Visar 1–{PER_PAGE + 3} av {PER_PAGE + 3} åtgärder."' in rows


def test_goal_page_lists_the_latest_follow_ups_only(goal, neh, client_for):
    for n in range(RECENT_FOLLOW_UPS + 2):
        meeting = factories.make_meeting(neh, days_ahead=-10 - n)
        factories.make_agenda_item(
            meeting,
            position=1,
            kind=AgendaItem.Kind.GOAL_FOLLOW_UP,
            goal=goal,
            title=f"Uppföljning {n:02d}",
        )
    html = client_for("staff").get(goal.get_absolute_url()).content.decode()
    shown = {f"Uppföljning {n:02d}" for n in range(30) if f": Uppföljning {n:02d}<" in html}
    assert shown == {f"Uppföljning {n:02d}" for n in range(RECENT_FOLLOW_UPS)}  # the latest
    assert f"De {RECENT_FOLLOW_UPS} senaste mötena." in html


def test_goal_report_counts_open_and_overdue_actions(goal, neh, client_for):
    meeting = factories.make_meeting(neh, days_ahead=-10)
    today = timezone.localdate()
    factories.make_action(meeting, goal=goal, due_on=today - datetime.timedelta(days=1))
    factories.make_action(meeting, goal=goal, due_on=today + datetime.timedelta(days=1))
    factories.make_action(meeting, goal=goal, status=ActionItem.Status.DONE)
    csv = client_for("coordinator").get(reverse("goal_report_csv", args=["neh"]))
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert rows[1].endswith(";2")  # two open (one overdue), the done one not counted
    html = client_for("coordinator").get(reverse("goal_report", args=["neh"])).content.decode()
    assert "2 (1 försenad)" in html


def test_goal_report_is_a_page_of_goals_and_the_csv_has_them_all(neh, client_for):
    from meetings.paging import PER_PAGE

    for n in range(PER_PAGE + 3):
        factories.make_goal(neh, title=f"Rapportmål {n:02d}")
    client = client_for("coordinator")
    html = client.get(reverse("goal_report", args=["neh"])).content.decode()
    assert html.count('class="goal-row"') == PER_PAGE
    assert "Rapportmål 00" in html and f"Rapportmål {PER_PAGE:02d}" not in html
    assert f"Visar 1–{PER_PAGE} av {PER_PAGE + 3}." in html
    rest = client.get(reverse("goal_report", args=["neh"]) + "?page=2").content.decode()
    assert f"Rapportmål {PER_PAGE:02d}" in rest
    assert client.get(reverse("goal_report", args=["neh"]) + "?page=x").status_code == 200
    csv = client.get(reverse("goal_report_csv", args=["neh"])).content.decode("utf-8-sig")
    assert all(f"Rapportmål {n:02d}" in csv for n in range(PER_PAGE + 3))


def _years(html: str, indicator_pk: int, kind: str) -> list[int]:
    """The years in the indicator's chart ("chart") or table ("table")."""
    part = re.search(
        rf'<(svg|table)[^>]*id="{kind}-indicator-{indicator_pk}".*?</(svg|table)>', html, re.S
    ).group(0)
    return [int(year) for year in re.findall(r'data-year="(\d+)"', part)]


def test_goal_page_shows_the_latest_years_and_the_rest_one_link_away(goal, client_for):
    """Decades of values: the chart and the table show the latest RECENT_YEARS; a plain link
    (no script) shows them all. The figures are still of the latest value."""
    first = 2024 - RECENT_YEARS - 10
    indicator = factories.make_indicator(
        goal, values={year: str(2000 - year) for year in range(first, 2025)}
    )
    client = client_for("staff")
    html = client.get(goal.get_absolute_url()).content.decode()
    latest = list(range(2025 - RECENT_YEARS, 2025))
    assert _years(html, indicator.pk, "chart") == latest
    assert _years(html, indicator.pk, "table") == latest
    total = 2025 - first
    assert f"Visar de senaste {RECENT_YEARS} av {total} år." in html
    link = f'href="?ar=alla#indicator-{indicator.pk}"'
    assert link in html
    assert "−24 ton CO2e (2024)" in html  # the latest value, as before

    every = client.get(goal.get_absolute_url() + "?ar=alla").content.decode()
    assert _years(every, indicator.pk, "chart") == list(range(first, 2025))
    assert _years(every, indicator.pk, "table") == list(range(first, 2025))
    assert f'href="{goal.get_absolute_url()}#indicator-{indicator.pk}"' in every
    assert f"Visa bara de senaste {RECENT_YEARS} åren" in every


def test_goal_page_with_few_years_has_no_year_links(goal, indicator, client_for):
    html = client_for("staff").get(goal.get_absolute_url()).content.decode()
    assert _years(html, indicator.pk, "table") == [2020, 2022, 2024]
    assert "?ar=alla" not in html and "Visa bara de senaste" not in html
