"""What a question's and a proposal's status says agrees with where they really are."""

import re

import pytest
from django.urls import reverse

from meetings.agenda import workflow as agenda
from meetings.questions import steps as questions
from tests import factories

pytestmark = pytest.mark.django_db


def state_shown(response) -> str:
    match = re.search(
        r'<span class="status status-[a-z_]+">([^<]*)</span>', response.content.decode()
    )
    assert match
    return match[1]


@pytest.fixture
def proposed(neh, administration, representative, meeting):
    question = factories.make_question(neh, administration, raised_by=representative)
    return questions.propose(question, representative, meeting)


def test_a_proposed_question_is_not_yet_on_the_agenda(client_for, proposed, coordinator, meeting):
    url = reverse("question_detail", kwargs={"pk": proposed.pk})
    assert state_shown(client_for("representative").get(url)) == "Föreslagen till dagordningen"
    lists = client_for("representative").get(reverse("question_list")).content.decode()
    assert "Föreslagen till dagordningen" in lists
    agenda.accept(meeting, proposed.agenda_item_id, coordinator)
    assert state_shown(client_for("representative").get(url)) == "På dagordningen"


def test_a_declined_proposal_says_so(client_for, proposed, coordinator, meeting):
    agenda.decline(meeting, proposed.agenda_item_id, "Hör till NSH.", coordinator)
    url = reverse("question_detail", kwargs={"pk": proposed.pk})
    assert (
        state_shown(client_for("representative").get(url)) == "Förslaget till dagordningen avböjt"
    )


def test_the_proposers_status_follows_the_published_agenda(
    client_for, proposed, coordinator, meeting
):
    agenda.accept(meeting, proposed.agenda_item_id, coordinator)
    url = reverse("agenda_proposals", kwargs={"pk": meeting.pk})
    before = client_for("representative").get(url).content.decode()
    assert "plats 1 i utkastet" in before
    agenda.publish(meeting, coordinator, "", 0)
    after = client_for("representative").get(url).content.decode()
    assert "plats 1 på den publicerade dagordningen" in after
    assert "i utkastet" not in after


def test_no_proposals_are_offered_for_a_meeting_already_held(client_for, held, meeting):
    representative = client_for("representative")
    assert "Föreslå en punkt" in representative.get(meeting.get_absolute_url()).content.decode()
    assert "Föreslå en punkt" not in representative.get(held.get_absolute_url()).content.decode()
