"""Each page runs the same number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def build(neh, nsh, size: int) -> None:
    for n in range(size):
        administration = factories.make_administration()
        for network in (neh, nsh):
            factories.make_appointment(factories.make_user(), administration, network)
            factories.make_appointment(
                factories.make_user(), administration, network, Appointment.Role.SUBSTITUTE
            )
            meeting = factories.make_meeting(network, days_ahead=10 + n)
            meeting.work_areas.set(network.work_areas.all()[:2])
            factories.make_agenda_item(meeting, position=1)
            factories.make_agenda_item(meeting, position=2)
            factories.make_meeting(network, days_ahead=-10 - n)


PAGES = {
    "home": lambda m: reverse("home"),
    "network": lambda m: reverse("network_detail", kwargs={"code": "neh"}),
    "network meetings": lambda m: reverse("network_meetings", kwargs={"code": "neh"}),
    "network representatives": lambda m: reverse("network_representatives", kwargs={"code": "neh"}),
    "meeting": lambda m: m.get_absolute_url(),
}
# sessions + user, then the page's own queries
# The meeting page: +2 for "Uppföljning" (the actions due by the meeting, the count of the rest),
# +1 for the documents presented at it; the person's seats are read once for every question
# about them (may propose, takes part, which administrations). The network's table of
# representatives is a page whose total comes with its rows (a window count): no count query.
# The home page (as a coordinator): +1 for what arrived (proposals, questions, theme wishes,
# consultation responses) and what is late (actions, unanswered meetings, packs, and how many
# administrations have a seat in each network), one UNION ALL of those lists; the per-role
# lists are counted in tests/todo/test_queries.py. The network overview: +2 for the person's
# visit (read, and written on this first visit; its list of changes is counted in
# tests/visits/test_since_visit.py).
EXPECTED = {
    "home": 8,
    "network": 10,
    "network meetings": 7,
    "network representatives": 6,
    "meeting": 12,
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [1, 8])
def test_page_query_count_does_not_grow(
    page, size, client, coordinator, neh, nsh, django_assert_num_queries
):
    build(neh, nsh, size)
    meeting = neh.meetings.upcoming().first()
    client.force_login(coordinator)
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(PAGES[page](meeting))
    assert response.status_code == 200
