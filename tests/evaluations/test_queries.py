"""The evaluation pages run the same number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from meetings.models import Attendance, Evaluation
from tests import factories

pytestmark = pytest.mark.django_db


def build(held, neh, size):
    """`size` more participants with answers on the held meeting, and `size` earlier held
    meetings in the same network with answers too."""
    meetings = [held] + [
        factories.make_meeting(neh, days_ahead=-1, theme_title=f"Tidigare {n}") for n in range(size)
    ]
    for meeting in meetings[1:]:
        meeting.starts_at -= meeting.starts_at - held.starts_at + held.ends_at - held.starts_at
        meeting.ends_at = meeting.starts_at + (held.ends_at - held.starts_at)
        meeting.save()
    for n in range(size):
        person = factories.make_user()
        for meeting in meetings:
            Attendance.objects.create(meeting=meeting, person=person, attended=True)
            Evaluation.objects.create(
                meeting=meeting, person=person, usefulness=1 + n % 5, comment=f"K {n}"
            )


PAGES = {
    "results": ("coordinator", lambda m: reverse("evaluation_results", kwargs={"pk": m.pk})),
    "term": ("coordinator", lambda m: reverse("evaluation_term", kwargs={"code": "neh"})),
    "settings": ("coordinator", lambda m: reverse("evaluation_settings", kwargs={"code": "neh"})),
    "answer": ("representative", lambda m: reverse("evaluation_answer", kwargs={"pk": m.pk})),
}
# sessions + user, then the page's own queries. The term page counts in SQL (the attendance,
# the answers and their mean) and reads each meeting's latest comments apart: no row per person.
# The answer form shows a held meeting without asking which networks the person coordinates.
EXPECTED = {"results": 9, "term": 9, "settings": 5, "answer": 7}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [1, 6])
def test_evaluation_page_query_count_does_not_grow(
    page, size, client_for, held, neh, coordinator, django_assert_num_queries
):
    build(held, neh, size)
    role, path = PAGES[page]
    client = client_for(role)
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(path(held))
    assert response.status_code == 200
