"""Two coordinators editing one goal or indicator: a stale form saves nothing, and every
edit stays in the change history."""

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import Goal, Indicator, IndicatorValue
from tests import factories

pytestmark = pytest.mark.django_db

STALE = "har ändrats av någon annan under tiden"


@pytest.fixture
def second_coordinator(neh):
    person = factories.make_user("samordnare2@example.org", "Siri Samordnare")
    neh.coordinators.add(person)
    client = Client()
    client.force_login(person)
    return client


def _goal_data(goal, version: str, title: str) -> dict:
    return {
        "work_area": goal.work_area_id,
        "title": title,
        "description": goal.description,
        "target_year": str(goal.target_year),
        "version": version,
    }


def test_a_stale_goal_form_does_not_overwrite_the_other_coordinators_text(
    client_for, second_coordinator, goal
):
    url = reverse("goal_edit", args=[goal.pk])
    first = client_for("coordinator")
    # Both open the form; each page carries the version it was rendered from.
    seen_by_first = factories.hidden_value(first.get(url), "version")
    seen_by_second = factories.hidden_value(second_coordinator.get(url), "version")
    assert first.post(url, _goal_data(goal, seen_by_first, "Klimatneutral 2030")).status_code == 302

    response = second_coordinator.post(url, _goal_data(goal, seen_by_second, "Netto noll 2035"))

    assert response.status_code == 200
    assert "Målet " + STALE in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).title == "Klimatneutral 2030"


def test_a_stale_indicator_form_saves_nothing(client_for, second_coordinator, indicator):
    url = reverse("indicator_edit", args=[indicator.pk])
    first = client_for("coordinator")
    seen = factories.hidden_value(first.get(url), "version")
    data = {
        "name": "Utsläpp",
        "unit": "ton CO2e",
        "baseline_year": "2019",
        "baseline_value": "1000",
        "target_value": "0",
        "direction": "lower",
        "responsible_administration": "",
        "version": seen,
    }
    assert first.post(url, {**data, "unit": "kton CO2e"}).status_code == 302

    response = second_coordinator.post(url, {**data, "name": "Utsläpp från resor"})

    assert "Indikatorn " + STALE in response.content.decode()
    saved = Indicator.objects.get(pk=indicator.pk)
    assert (saved.name, saved.unit) == ("Utsläpp", "kton CO2e")


def test_the_version_moves_on_with_each_save(client_for, goal):
    client = client_for("coordinator")
    url = reverse("goal_edit", args=[goal.pk])
    for title in ("Ett", "Två"):
        version = factories.hidden_value(client.get(url), "version")
        assert client.post(url, _goal_data(goal, version, title)).status_code == 302
    assert Goal.objects.get(pk=goal.pk).version == 3


def test_the_update_is_conditional_on_the_version_it_was_read_at(goal):
    """The form's check happens before any write; the conditional UPDATE settles the race
    between two saves that both passed it (a form built from a copy read before the other
    save)."""
    from meetings.goals.forms import GoalForm
    from networks.versions import StaleRecordError

    copy_a, copy_b = Goal.objects.get(pk=goal.pk), Goal.objects.get(pk=goal.pk)
    forms = [
        GoalForm(_goal_data(goal, "1", title), instance=copy, network=goal.work_area.network)
        for copy, title in ((copy_a, "A"), (copy_b, "B"))
    ]
    assert all(form.is_valid() for form in forms)
    forms[0].save()
    with pytest.raises(StaleRecordError):
        forms[1].save()
    assert Goal.objects.get(pk=goal.pk).title == "A"


def test_goal_and_indicator_edits_are_in_their_history(client_for, goal, indicator):
    client = client_for("coordinator")
    url = reverse("goal_edit", args=[goal.pk])
    version = factories.hidden_value(client.get(url), "version")
    client.post(url, _goal_data(goal, version, "Klimatneutral kommun"))

    page = client.get(reverse("object_history", args=["mal", goal.pk])).content.decode()
    assert "Klimatneutral organisation" in page and "Klimatneutral kommun" in page
    detail = client.get(goal.get_absolute_url()).content.decode()
    assert reverse("object_history", args=["mal", goal.pk]) in detail
    assert reverse("object_history", args=["indikator", indicator.pk]) in detail


def test_only_the_networks_coordinators_see_a_goals_history(client_for, goal):
    url = reverse("object_history", args=["mal", goal.pk])
    for role in ("staff", "representative", "director"):
        assert client_for(role).get(url).status_code == 404
    assert client_for("coordinator").get(url).status_code == 200


def test_a_corrected_value_keeps_what_it_said_before(client_for, indicator):
    client = client_for("coordinator")
    url = reverse("indicator_value_record", args=[indicator.pk])
    client.post(url, {"year": "2024", "value": "480", "source": "", "comment": ""})
    value = IndicatorValue.objects.get(indicator=indicator, year=2024)
    assert value.value == 480
    said = [str(row.value) for row in value.history.order_by("history_id")]
    assert said[-2:] == ["500.500", "480.000"]
