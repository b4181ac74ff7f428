"""The workspace shows pending proposals a page at a time; the rest are one click away."""

import pytest
from django.urls import reverse

from meetings.agenda.views import PROPOSALS_PER_PAGE
from meetings.models import AgendaItem
from tests import factories
from tests.agenda.test_triage import triage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(meeting, representative, administration):
    return [
        factories.make_agenda_item(
            meeting,
            title=f"Förslag {n:02d}",
            status=AgendaItem.Status.PROPOSED,
            proposed_by=representative,
            administration=administration,
        )
        for n in range(PROPOSALS_PER_PAGE + 3)
    ]


def shown(html: str) -> list[str]:
    return [f"Förslag {n:02d}" for n in range(40) if f"Förslag {n:02d}" in html]


def test_first_page_of_proposals_and_the_count_of_all(client_for, meeting, pending):
    url = reverse("agenda_manage", args=[meeting.pk])
    html = client_for("coordinator").get(url).content.decode()
    assert len(shown(html)) == PROPOSALS_PER_PAGE and "Förslag 00" in html  # oldest first
    assert f"Förslag att behandla ({PROPOSALS_PER_PAGE + 3})" in html
    assert 'href="?page=2"' in html and 'hx-get="?page=2"' in html


def test_next_proposals_by_link_and_by_htmx(client_for, meeting, pending):
    url = reverse("agenda_manage", args=[meeting.pk])
    client = client_for("coordinator")
    plain = client.get(url, {"page": "2"}).content.decode()
    assert "<html" in plain and len(shown(plain)) == 3
    more = client.get(url, {"page": "2"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in more and "Hantera dagordningen" not in more
    assert len(shown(more)) == 3 and more.count("data-focus") == 1
    total = PROPOSALS_PER_PAGE + 3
    assert f'data-announce="Visar 1–{total} av {total} förslag."' in more
    assert client.get(url, {"page": "x"}).status_code == 200


def test_a_failed_triage_of_a_proposal_on_a_later_page_shows_its_errors(
    client_for, meeting, pending
):
    last = pending[-1]
    response = client_for("coordinator").post(
        reverse("agenda_triage", kwargs={"pk": meeting.pk, "item_pk": last.pk}),
        triage(last, "decline"),  # declining needs a reason
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert last.title in html and 'aria-invalid="true"' in html
