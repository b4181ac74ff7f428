"""The goal pages run the same number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db


def build(goal, neh, administration, other_administration, size):
    meeting = factories.make_meeting(neh, days_ahead=-5)
    for n in range(size):
        other = factories.make_goal(neh, title=f"Mål {n}")
        for target in (goal, other):
            factories.make_indicator(
                target,
                responsible_administration=administration,
                values={2019 - k: str(100 + k) for k in range(size)},
            )
            factories.make_action(
                meeting, administrations=[administration, other_administration], goal=target
            )
        factories.make_agenda_item(
            meeting,
            position=n + 1,
            kind=AgendaItem.Kind.GOAL_FOLLOW_UP,
            goal=goal,
        )
        factories.make_document(neh).work_areas.add(goal.work_area)


PAGES = {
    "list": ("staff", lambda g: reverse("goal_list", args=["neh"])),
    "goal": ("representative", lambda g: g.get_absolute_url()),
    "report": ("coordinator", lambda g: reverse("goal_report", args=["neh"])),
    "csv": ("coordinator", lambda g: reverse("goal_report_csv", args=["neh"])),
    "value": (
        "representative",
        lambda g: reverse("indicator_value_record", args=[g.indicators.first().pk]),
    ),
}
# sessions + user, then the page's own queries. The list is a page of goals (the goals with
# their count in one query, their indicators, each indicator's latest value); the report reads
# its page of goals the same way and counts the open actions of those goals in one more query
# (no action rows); its CSV reads each indicator's latest value as subqueries of the
# indicators' query and counts the actions with the goals. The goal page pages its action plan
# (the counts with one aggregate, the page's rows, their administrations) and reads the goal
# once with its indicators and values.
# The list: +1 for the network's sub-navigation asking whether the person holds a seat in it.
EXPECTED = {"list": 8, "goal": 12, "report": 8, "csv": 6, "value": 6}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [1, 6])
def test_goal_page_query_count_does_not_grow(
    page,
    size,
    client_for,
    goal,
    neh,
    administration,
    other_administration,
    coordinator,
    representative,
    staff,
    django_assert_num_queries,
):
    build(goal, neh, administration, other_administration, size)
    role, path = PAGES[page]
    client = client_for(role)
    url = path(goal)
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)
    assert response.status_code == 200
