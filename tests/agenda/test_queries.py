"""The agenda pages run the same number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from meetings.agenda import workflow as agenda
from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db


def build(meeting, later_meeting, representative, administration, coordinator, size):
    neh = meeting.network
    for n in range(size):
        factories.make_meeting(neh, days_ahead=40 + n)  # deferral targets
        factories.make_agenda_item(meeting, position=n + 1, presenter=f"P{n}")
        for status in (AgendaItem.Status.PROPOSED, AgendaItem.Status.DECLINED):
            factories.make_agenda_item(
                meeting,
                status=status,
                proposed_by=representative,
                administration=administration,
                work_area=neh.work_areas.first(),
            )
    version = agenda.publish(meeting, coordinator, "", 0)
    for n in range(size):
        AgendaItem.objects.filter(meeting=meeting, position=1).update(presenter=f"ändrad {n}")
        version = agenda.publish(meeting, coordinator, "Ändrat", version.number)


PAGES = {
    "manage": ("coordinator", lambda m: reverse("agenda_manage", kwargs={"pk": m.pk})),
    "proposals": ("representative", lambda m: reverse("agenda_proposals", kwargs={"pk": m.pk})),
    "version": ("staff", lambda m: reverse("agenda_current", kwargs={"pk": m.pk})),
    "text": ("staff", lambda m: reverse("agenda_text", kwargs={"pk": m.pk})),
    "meeting": ("representative", lambda m: m.get_absolute_url()),
}
# sessions + user, then the page's own queries
# manage: +1 for the goals of the add form; manage, meeting, version (the current one) and text:
# +2 for "Uppföljning" under the agenda (the actions due by the meeting, the count of the others);
# proposals: +1 for the published version (where the proposer's accepted item stands in what
# members read); meeting and text: +1 for the documents presented at it. The meeting page reads
# the person's seats once for every question about them (may propose, takes part, which
# administrations' report-back packs). version: +1 for the cache entry of the version's
# snapshot part, counted warm (see CACHED). A published meeting is shown without asking which
# networks the person coordinates (meetings/access.py); proposals and text never ask it.
EXPECTED = {"manage": 11, "proposals": 7, "version": 9, "text": 7, "meeting": 12}
# Pages that keep a rendered snapshot in the cache: counted warm, as they are read (the first
# reader renders the version and stores it, a few queries more, once per version and language).
CACHED = {"version"}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [1, 6])
def test_agenda_page_query_count_does_not_grow(
    page,
    size,
    client_for,
    meeting,
    later_meeting,
    representative,
    administration,
    coordinator,
    staff,
    django_assert_num_queries,
):
    build(meeting, later_meeting, representative, administration, coordinator, size)
    role, path = PAGES[page]
    client = client_for(role)
    if page in CACHED:
        client.get(path(meeting))
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(path(meeting))
    assert response.status_code == 200
