"""The coordination dashboard leads to the network's follow-up pages; the network page leads
everyone to its goals."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOLLOW_UP = [
    ("network_questions", ["neh"]),
    ("action_list", ["neh"]),
    ("goal_list", ["neh"]),
    ("goal_report", ["neh"]),
    ("theme_suggestions", ["neh"]),
    ("evaluation_term", ["neh"]),
    ("participation_report", ["neh"]),
]


def test_dashboard_links_every_follow_up_page_once(client_for, neh):
    content = client_for("coordinator").get(reverse("coordination_dashboard", args=["neh"]))
    # The dashboard's own links; the network's sub-navigation above it links some of them too.
    content = re.sub(
        r'<nav class="sub-navigation".*?</nav>', "", content.content.decode(), flags=re.S
    )
    for name, args in FOLLOW_UP:
        assert content.count(f'href="{reverse(name, args=args)}"') == 1, name


@pytest.mark.parametrize("role", ["staff", "representative", "director", "coordinator"])
def test_network_page_links_the_goals_for_everyone_signed_in(client_for, neh, role):
    response = client_for(role).get(neh.get_absolute_url())
    assert f'href="{reverse("goal_list", args=["neh"])}"' in response.content.decode()
