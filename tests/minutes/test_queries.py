"""The minutes and action pages run the same number of queries whatever the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.minutes.build import held_meeting_with_minutes

pytestmark = pytest.mark.django_db


def build(neh, coordinator, administration, representative, size, tag=""):
    people = [representative]
    for n in range(size):
        person = factories.make_user(f"rep{tag}{n}@example.org", f"Rep {n}")
        other = factories.make_administration(f"Förvaltning {tag}{n}")
        factories.make_appointment(person, other, neh)
        people.append(person)
    held = held_meeting_with_minutes(neh, coordinator, administration, items=size, people=people)
    for _n in range(size):  # earlier meetings' actions, for the network's list
        held_meeting_with_minutes(neh, coordinator, administration, items=2)
    return held


PAGES = {
    "minutes": ("staff", lambda m: reverse("minutes_detail", args=[m.pk])),
    "minutes v1": ("staff", lambda m: reverse("minutes_version", args=[m.pk, 1])),
    "write": ("coordinator", lambda m: reverse("minutes_edit", args=[m.pk])),
    "new action": ("coordinator", lambda m: reverse("action_create", args=[m.pk])),
    "action": ("coordinator", lambda m: reverse("action_done", args=[m.open_action.pk])),
    "actions": ("coordinator", lambda m: reverse("action_list", args=["neh"])),
    "held meeting": ("representative", lambda m: m.get_absolute_url()),
}
# sessions + user, then the page's own queries
EXPECTED = {
    # + the cache entry of the version's rendered body (read once warm, see CACHED)
    "minutes": 6,
    "minutes v1": 6,
    # the attendance counted by the database: one query, not the seats and the answers
    "write": 11,
    "new action": 7,
    "action": 5,
    # a page of open and of done actions: both counted in one query, each page's rows, +
    # both pages' names
    "actions": 8,
    # + the report-back pack links (one query for a held meeting), + the meeting's documents;
    # the latest minutes version comes with the meeting, and the representative's seats are
    # read once for every question about them
    "held meeting": 10,
}
# Pages that keep a rendered snapshot in the cache: counted warm, as they are read (the first
# reader renders the version and stores it, a few queries more, once per version and language).
CACHED = {"minutes", "minutes v1"}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [1, 6])
def test_minutes_page_query_count_does_not_grow(
    page,
    size,
    client_for,
    neh,
    coordinator,
    administration,
    representative,
    staff,
    django_assert_num_queries,
):
    held = build(neh, coordinator, administration, representative, size)
    role, path = PAGES[page]
    client = client_for(role)
    if page in CACHED:
        client.get(path(held))
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(path(held))
    assert response.status_code == 200


def test_follow_up_on_the_next_meeting_does_not_grow(
    client_for, neh, coordinator, administration, representative, django_assert_num_queries
):
    counts = []
    for size in (1, 6):
        build(neh, coordinator, administration, representative, size, tag=str(size))
        upcoming = factories.make_meeting(neh, days_ahead=10 - size)
        client = client_for("representative")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(upcoming.get_absolute_url())
        assert "Uppföljning" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
