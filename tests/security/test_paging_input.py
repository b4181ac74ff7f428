"""Every paged list takes any page number in its address: a word, zero, a negative number or one
with thirty digits answers with a page of the list (the first or the last), never a 500."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

NUMBERS = ["abc", "0", "-3", "9" * 30]


def _lists(neh, meeting, goal) -> list[tuple[str, str, str]]:
    """(role, URL, the list's page parameter) for each paged list."""
    code = {"code": "neh"}
    return [
        ("staff", reverse("network_representatives", kwargs=code), "forvaltningar"),
        ("coordinator", reverse("network_contacts", kwargs=code), "page"),
        ("coordinator", reverse("administration_list"), "page"),
        ("coordinator", reverse("administration_list"), "inaktiva"),
        ("coordinator", reverse("participation_report", kwargs=code), "forvaltningar"),
        ("coordinator", reverse("action_list", kwargs=code), "oppna"),
        ("coordinator", reverse("action_list", kwargs=code), "klara"),
        ("coordinator", meeting.get_absolute_url(), "forvaltningar"),
        ("representative", reverse("my_networks"), "att-gora"),
        ("staff", reverse("goal_list", kwargs=code), "page"),
        ("staff", goal.get_absolute_url(), "atgarder"),
        ("staff", reverse("document_list", kwargs=code), "sida"),
        ("representative", reverse("question_list"), "page"),
        ("representative", reverse("theme_suggestions", kwargs=code), "page"),
        ("coordinator", reverse("people_to_deactivate"), "page"),
    ]


@pytest.mark.parametrize("number", NUMBERS)
def test_any_page_number_answers_a_page(
    neh, coordinator, representative, staff, client_for, number
):
    meeting = factories.make_meeting(neh)
    goal = factories.make_goal(neh)
    for role, url, param in _lists(neh, meeting, goal):
        client = client_for(role)
        for htmx in (False, True):
            headers = {"HX-Request": "true"} if htmx else {}
            response = client.get(url, {param: number}, headers=headers)
            assert response.status_code == 200, (url, param, number, htmx)
