"""The snapshot part of a published agenda version (what changed, the items) is rendered once
and kept in the cache: a new version shows at once, earlier ones keep their own items, the
languages don't mix, and items with a goal's (live) figures are never cached."""

import pytest
from django.urls import reverse

from meetings.agenda import versions as agenda_versions
from meetings.agenda import workflow as agenda
from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db


def current(meeting):
    return reverse("agenda_current", kwargs={"pk": meeting.pk})


def version(meeting, number):
    return reverse("agenda_version", kwargs={"pk": meeting.pk, "number": number})


def publish(meeting, coordinator, note=""):
    latest = agenda_versions.current_version(meeting)
    return agenda.publish(meeting, coordinator, note, latest.number if latest else 0)


def test_a_new_version_shows_at_once_and_the_earlier_keeps_its_items(
    client_for, meeting, on_agenda, coordinator
):
    publish(meeting, coordinator)
    client = client_for("staff")
    assert "Punkt 1" in client.get(current(meeting)).content.decode()  # now in the cache

    AgendaItem.objects.filter(pk=on_agenda[0].pk).update(title="Omdöpt punkt")
    publish(meeting, coordinator, "Ny rubrik.")

    page = client.get(current(meeting)).content.decode()
    assert "Omdöpt punkt" in page
    assert "Ny rubrik." in page  # the change note, in the changes section
    first = client.get(version(meeting, 1)).content.decode()
    assert "Punkt 1" in first
    assert "Omdöpt punkt" not in first


def test_swedish_and_english_items_do_not_mix(client_for, meeting, on_agenda, coordinator):
    publish(meeting, coordinator)
    client = client_for("staff")
    swedish = client.get(current(meeting)).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(current(meeting)).content.decode()

    assert "20 minuter" in swedish and "20 minutes" not in swedish
    assert "20 minutes" in english and "20 minuter" not in english
    # Swedish titles are marked as such on the English page only.
    assert '<span lang="sv">Punkt 1</span>' in english
    assert '<span lang="sv">Punkt 1</span>' not in swedish


def test_a_version_with_a_goals_figures_is_rendered_live(client_for, meeting, coordinator, neh):
    goal = factories.make_goal(neh, title="Klimatmålet")
    factories.make_agenda_item(
        meeting, position=1, title="Målets uppföljning", kind="goal_follow_up", goal=goal
    )
    publish(meeting, coordinator)
    response = client_for("staff").get(current(meeting))
    assert "Målets uppföljning" in response.content.decode()
    assert response.context["snapshot_only"] is False
