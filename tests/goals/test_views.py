"""Goal pages and forms: who may do what, what is saved, and what the pages show."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from meetings.models import ActionItem, AgendaItem, Goal, Indicator, IndicatorValue
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def _chart_values(html: str, indicator_pk: int) -> list[tuple[str, str]]:
    svg = re.search(rf'<svg[^>]*id="chart-indicator-{indicator_pk}".*?</svg>', html, re.S).group(0)
    return re.findall(r'class="chart-value"[^>]*data-year="(\d+)">([^<]+)<', svg)


def _table_values(html: str, indicator_pk: int) -> list[tuple[str, str]]:
    table = re.search(
        rf'<table[^>]*id="table-indicator-{indicator_pk}".*?</table>', html, re.S
    ).group(0)
    return re.findall(r'class="indicator-value" data-year="(\d+)">([^<]+)<', table)


def test_goal_page_chart_and_table_show_the_same_numbers(client_for, goal, indicator):
    html = client_for("staff").get(goal.get_absolute_url()).content.decode()
    expected = [("2020", "900"), ("2022", "700"), ("2024", "500,5")]
    assert _chart_values(html, indicator.pk) == expected
    assert _table_values(html, indicator.pk) == expected
    # 2024: path 1000 − 1000 × 5/11 ≈ 545; 500.5 is below it: on track, 50 % of the way.
    assert "I fas" in html
    assert "50 % av vägen" in html


def test_goal_list_groups_goals_by_work_area(client_for, goal, neh):
    other_area = neh.work_areas.active().last()
    factories.make_goal(neh, work_area=other_area, title="Giftfri förskola")
    html = client_for("representative").get(reverse("goal_list", args=["neh"])).content.decode()
    assert "Klimatneutral organisation" in html and "Giftfri förskola" in html
    assert html.index(goal.work_area.name) < html.index("Klimatneutral organisation")
    assert other_area.name in html


def test_coordinator_creates_a_goal_and_an_indicator(client_for, neh, administration):
    client = client_for("coordinator")
    area = neh.work_areas.active().first()
    response = client.post(
        reverse("goal_create", args=["neh"]),
        factories.submitted(
            {"work_area": area.pk, "title": "Fossilfria transporter", "target_year": "2030"}
        ),
    )
    goal = Goal.objects.get(title="Fossilfria transporter")
    assert response.status_code == 302 and goal.work_area == area
    response = client.post(
        reverse("indicator_create", args=[goal.pk]),
        factories.submitted(
            {
                "name": "Andel fossilfria fordon",
                "unit": "procent",
                "baseline_year": "2020",
                "baseline_value": "35,5",
                "target_value": "100",
                "direction": "higher",
                "responsible_administration": administration.pk,
            }
        ),
    )
    indicator = Indicator.objects.get(goal=goal)
    assert response.status_code == 302
    assert indicator.baseline_value == Decimal("35.5")
    assert indicator.responsible_administration == administration


def test_indicator_baseline_year_must_be_before_the_target_year(client_for, goal):
    response = client_for("coordinator").post(
        reverse("indicator_create", args=[goal.pk]),
        factories.submitted(
            {
                "name": "X",
                "unit": "st",
                "baseline_year": "2031",
                "baseline_value": "1",
                "target_value": "2",
                "direction": "higher",
            }
        ),
    )
    assert response.status_code == 200
    assert "Basåret måste ligga före målets målår (2030)." in response.content.decode()
    assert goal.indicators.count() == 1


@pytest.mark.parametrize("role", ["representative", "substitute", "coordinator"])
def test_responsible_people_and_coordinators_record_a_value(client_for, indicator, role):
    response = client_for(role).post(
        reverse("indicator_value_record", args=[indicator.pk]),
        {"year": "2025", "value": "420,25", "source": "Klimatbokslut 2025"},
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=indicator, year=2025)
    assert value.value == Decimal("420.25") and value.source == "Klimatbokslut 2025"
    assert (
        value.entered_by.email
        == {
            "representative": "representant@example.org",
            "substitute": "ersattare@example.org",
            "coordinator": "samordnare@example.org",
        }[role]
    )


def test_a_second_value_for_a_year_replaces_the_first(client_for, indicator):
    client_for("representative").post(
        reverse("indicator_value_record", args=[indicator.pk]), {"year": "2024", "value": "480"}
    )
    assert IndicatorValue.objects.get(indicator=indicator, year=2024).value == Decimal(480)
    assert indicator.values.count() == 3


@pytest.mark.parametrize("role", ["staff", "director"])
def test_others_may_not_record_a_value(client_for, indicator, role):
    url = reverse("indicator_value_record", args=[indicator.pk])
    response = client_for(role).post(url, {"year": "2025", "value": "1"})
    assert response.status_code == 403
    assert "Bara samordnarna och representanten eller ersättaren för Miljöförvaltningen" in (
        response.content.decode()
    )
    assert not indicator.values.filter(year=2025).exists()


def test_representative_of_another_administration_is_refused(
    client_for, goal, neh, other_administration
):
    """Socialförvaltningen's indicator: Miljöförvaltningen's representative may not edit it."""
    foreign = factories.make_indicator(goal, responsible_administration=other_administration)
    url = reverse("indicator_value_record", args=[foreign.pk])
    assert client_for("representative").get(url).status_code == 403
    response = client_for("representative").post(url, {"year": "2025", "value": "1"})
    assert response.status_code == 403
    assert not foreign.values.exists()


def test_a_representative_whose_appointment_ended_is_refused(client_for, indicator, representative):
    import datetime

    appointment = Appointment.objects.get(person=representative)
    appointment.start_date = datetime.date(2020, 1, 1)
    appointment.save()
    appointment.end(datetime.date(2021, 1, 1))
    response = client_for("representative").post(
        reverse("indicator_value_record", args=[indicator.pk]), {"year": "2025", "value": "1"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("year", "value", "message"),
    [
        ("1989", "10", "Ange ett år mellan 1990 och 2100."),
        ("2199", "10", "Ange ett år mellan 1990 och 2100."),
        ("tjugo", "10", "Ange ett årtal med fyra siffror"),
        ("2024", "mycket", "Ange ett tal, till exempel 1250 eller 12,5."),
        ("2024", "NaN", "Ange ett tal, till exempel 1250 eller 12,5."),
        ("2024", "1e400", "Talet får ha högst"),
    ],
)
def test_bad_values_are_refused_in_swedish(client_for, indicator, year, value, message):
    response = client_for("representative").post(
        reverse("indicator_value_record", args=[indicator.pk]), {"year": year, "value": value}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert indicator.values.count() == 3


def test_a_future_year_is_refused(client_for, indicator):
    from django.utils import timezone

    next_year = timezone.localdate().year + 1
    response = client_for("representative").post(
        reverse("indicator_value_record", args=[indicator.pk]),
        {"year": str(next_year), "value": "10"},
    )
    assert f"Ange ett år mellan 1990 och {timezone.localdate().year}." in response.content.decode()
    assert not indicator.values.filter(year=next_year).exists()


@pytest.mark.parametrize("name", ["goal_edit", "indicator_create", "goal_action_link"])
def test_coordinator_pages_refuse_representatives(client_for, goal, name):
    assert client_for("representative").get(reverse(name, args=[goal.pk])).status_code == 403


def test_nsh_goals_refuse_the_neh_coordinator(client_for, nsh):
    goal = factories.make_goal(nsh)
    client = client_for("coordinator")
    assert client.get(reverse("goal_edit", args=[goal.pk])).status_code == 403
    assert client.get(reverse("goal_report", args=["nsh"])).status_code == 403


def test_action_plan_link_and_create(client_for, goal, neh, administration):
    meeting = factories.make_meeting(neh, days_ahead=-10)
    existing = factories.make_action(meeting, administrations=[administration], title="Resepolicy")
    client = client_for("coordinator")
    response = client.post(reverse("goal_action_link", args=[goal.pk]), {"action": existing.pk})
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.goal == goal
    response = client.post(
        reverse("goal_action_create", args=[goal.pk]),
        factories.submitted(
            {
                "meeting": meeting.pk,
                "title": "Solceller på förskolor",
                "administrations": [administration.pk],
                "due_on": "2099-06-30",
            }
        ),
    )
    assert response.status_code == 302
    created = ActionItem.objects.get(title="Solceller på förskolor")
    assert created.goal == goal and list(created.administrations.all()) == [administration]
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "Resepolicy" in html and "Solceller på förskolor" in html
    assert "0 av 2 åtgärder klara (0 %)." in html


def test_another_networks_action_or_meeting_cannot_be_linked(client_for, goal, nsh, administration):
    meeting = factories.make_meeting(nsh, days_ahead=-10)
    foreign = factories.make_action(meeting, administrations=[administration])
    client = client_for("coordinator")
    response = client.post(reverse("goal_action_link", args=[goal.pk]), {"action": foreign.pk})
    assert response.status_code == 200
    foreign.refresh_from_db()
    assert foreign.goal is None
    response = client.post(
        reverse("goal_action_create", args=[goal.pk]),
        factories.submitted(
            {
                "meeting": meeting.pk,
                "title": "Smugglad",
                "administrations": [administration.pk],
                "due_on": "2099-06-30",
            }
        ),
    )
    assert response.status_code == 200
    assert not ActionItem.objects.filter(title="Smugglad").exists()


def test_goal_report_and_csv(client_for, goal, neh, administration):
    meeting = factories.make_meeting(neh, days_ahead=-10)
    factories.make_action(meeting, administrations=[administration], goal=goal)
    factories.make_action(
        meeting, administrations=[administration], goal=goal, status=ActionItem.Status.DONE
    )
    client = client_for("coordinator")
    html = client.get(reverse("goal_report", args=["neh"])).content.decode()
    assert (
        "Klimatneutral organisation" in html and "500,5 ton CO2e (2024)" in html and "I fas" in html
    )
    response = client.get(reverse("goal_report_csv", args=["neh"]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][1] == "Mål" and rows[0][-1] == "Öppna åtgärder"
    assert rows[1][1:] == [
        "Klimatneutral organisation",
        "2030",
        "Utsläpp",
        "ton CO2e",
        "2019",
        "1000",
        "2024",
        "500,5",
        "0",
        "50",
        "I fas",
        "1",
    ]


def test_goal_follow_up_on_the_agenda_shows_the_goals_figures(client_for, goal, neh, coordinator):
    from meetings.agenda import workflow as agenda

    meeting = factories.make_meeting(neh, days_ahead=40, theme_title="Klimat")
    client = client_for("coordinator")
    response = client.post(
        reverse("agenda_add", args=[meeting.pk]),
        factories.submitted(
            {
                "title": "Uppföljning av koldioxidmålet",
                "kind": "goal_follow_up",
                "allotted_minutes": "20",
                "goal": goal.pk,
            }
        ),
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Uppföljning av koldioxidmålet")
    assert item.goal == goal
    manage = client.get(reverse("agenda_manage", args=[meeting.pk])).content.decode()
    assert "500,5 ton CO2e (2024), mål 0 till 2030" in manage
    agenda.publish(meeting, coordinator, "", 0)
    page = client_for("staff").get(meeting.get_absolute_url()).content.decode()
    assert "500,5 ton CO2e (2024), mål 0 till 2030" in page
    text = client.get(reverse("agenda_text", args=[meeting.pk])).content.decode()
    assert "Utsläpp: 500,5 ton CO2e (2024), mål 0 till 2030 – I fas" in text
    # The goal's page lists the meeting that dealt with it.
    assert "Uppföljning av koldioxidmålet" in client.get(goal.get_absolute_url()).content.decode()


def test_goal_follow_up_needs_a_goal_of_the_network(client_for, goal, nsh):
    meeting = factories.make_meeting(goal.network, days_ahead=40)
    foreign_goal = factories.make_goal(nsh)
    client = client_for("coordinator")
    for value in ["", foreign_goal.pk]:
        response = client.post(
            reverse("agenda_add", args=[meeting.pk]),
            factories.submitted(
                {
                    "title": "Uppföljning",
                    "kind": "goal_follow_up",
                    "allotted_minutes": "20",
                    "goal": value,
                }
            ),
        )
        assert response.status_code == 200
    assert not AgendaItem.objects.filter(title="Uppföljning").exists()


def test_representatives_cannot_propose_a_goal_follow_up(client_for, goal):
    meeting = factories.make_meeting(goal.network, days_ahead=40)
    response = client_for("representative").post(
        reverse("agenda_proposals", args=[meeting.pk]),
        factories.submitted({"title": "Förslag", "kind": "goal_follow_up", "wished_minutes": "15"}),
    )
    assert response.status_code in (200, 400)
    assert not AgendaItem.objects.filter(title="Förslag").exists()


def test_target_year_must_stay_after_the_indicators_baseline(client_for, goal):
    response = client_for("coordinator").post(
        reverse("goal_edit", args=[goal.pk]),
        factories.at_version(
            goal, {"work_area": goal.work_area.pk, "title": goal.title, "target_year": "2019"}
        ),
    )
    assert "Målåret måste ligga efter indikatorernas basår (2019)." in response.content.decode()
    goal.refresh_from_db()
    assert goal.target_year == 2030


def test_goal_report_counts_overdue_open_actions(client_for, goal, neh, administration):
    import datetime

    from django.utils import timezone

    meeting = factories.make_meeting(neh, days_ahead=-40)
    late = timezone.localdate() - datetime.timedelta(days=1)
    factories.make_action(meeting, administrations=[administration], goal=goal, due_on=late)
    factories.make_action(meeting, administrations=[administration], goal=goal)
    html = client_for("coordinator").get(reverse("goal_report", args=["neh"])).content.decode()
    assert "2 (1 försenad)" in html


def test_value_form_lists_the_recorded_values(client_for, indicator):
    html = (
        client_for("substitute")
        .get(reverse("indicator_value_record", args=[indicator.pk]))
        .content.decode()
    )
    assert "<td>500,5</td>" in html and "Värde (ton CO2e)" in html
