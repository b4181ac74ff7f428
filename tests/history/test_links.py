"""The change-history link on the question, minutes and action pages: there for the network's
coordinators (who may open the history), absent for a representative (who may not)."""

import pytest
from django.urls import reverse

from meetings.models import Minutes, MinutesVersion
from tests import factories

pytestmark = pytest.mark.django_db


def history(key: str, pk: int) -> str:
    return reverse("object_history", args=[key, pk])


def page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def held(neh):
    return factories.make_meeting(neh, days_ahead=-2)


@pytest.fixture
def minutes(held, coordinator):
    minutes = Minutes.objects.create(meeting=held, summary="Anteckningar")
    MinutesVersion.objects.create(
        minutes=minutes, number=1, content={"summary": "Första"}, published_by=coordinator
    )
    return minutes


def test_question_page_links_its_history_for_the_coordinator_only(
    client, coordinator, representative, neh, administration
):
    question = factories.make_question(neh, administration, raised_by=representative)
    url = reverse("question_detail", args=[question.pk])
    link = f'href="{history("fraga", question.pk)}"'
    assert link in page(client, coordinator, url)
    assert client.get(history("fraga", question.pk)).status_code == 200
    assert link not in page(client, representative, url)


def test_action_page_links_its_history_for_the_coordinator_only(
    client, coordinator, representative, held, administration
):
    action = factories.make_action(held, administrations=[administration])
    url = reverse("action_done", args=[action.pk])
    link = f'href="{history("atgard", action.pk)}"'
    assert link in page(client, coordinator, url)
    assert client.get(history("atgard", action.pk)).status_code == 200
    assert link not in page(client, representative, url)


def test_minutes_pages_link_their_history_for_the_coordinator_only(
    client, coordinator, representative, held, minutes
):
    link = f'href="{history("anteckningar", minutes.pk)}"'
    assert link in page(client, coordinator, reverse("minutes_edit", args=[held.pk]))
    assert link in page(client, coordinator, reverse("minutes_detail", args=[held.pk]))
    assert client.get(history("anteckningar", minutes.pk)).status_code == 200
    assert link not in page(client, representative, reverse("minutes_detail", args=[held.pk]))
    client.force_login(representative)
    assert client.get(reverse("minutes_edit", args=[held.pk])).status_code in (403, 404)
