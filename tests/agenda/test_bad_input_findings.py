"""Refusals the bad-input registry (tests/security/bad_input.py) found missing in the
agenda's forms and views."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db


def test_proposal_description_over_5000_characters_is_refused(client_for, meeting):
    response = client_for("representative").post(
        reverse("agenda_proposals", kwargs={"pk": meeting.pk}),
        factories.submitted(
            {"title": "Långt förslag", "kind": "discussion", "wished_minutes": "20"},
            description="x" * 5001,
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert not AgendaItem.objects.filter(title="Långt förslag").exists()


def test_invalid_triage_of_an_item_handled_meanwhile_says_so(client_for, proposal):
    proposal.status = AgendaItem.Status.WITHDRAWN
    proposal.save()
    client = client_for("coordinator")
    url = reverse("agenda_triage", kwargs={"pk": proposal.meeting_id, "item_pk": proposal.pk})
    response = client.post(url, {f"t{proposal.pk}-action": "nonsense"}, follow=True)
    assert "redan behandlat" in response.content.decode()
    assert AgendaItem.objects.get(pk=proposal.pk).status == AgendaItem.Status.WITHDRAWN
