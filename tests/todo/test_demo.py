"""The demo: the consultation "Remiss: ny avfallsplan" is in Miljöförvaltningen's "Att göra"
with its deadline, for its representative and its director."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from config.dates import long_date
from meetings.models import Document
from meetings.todo import items as todo

pytestmark = pytest.mark.django_db

TITLE = "Remiss: ny avfallsplan"


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_demo_waste_plan_consultation_is_in_miljoforvaltningens_todo(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    consultation = Document.objects.get(title=TITLE)
    # Asked of Miljöförvaltningen, due a few weeks ahead, presented at a coming NEH meeting.
    assert consultation.responses.filter(
        administration__name="Miljöförvaltningen", sent_at__isnull=True
    ).exists()
    assert 14 <= (consultation.deadline - timezone.localdate()).days <= 60
    assert consultation.meeting.network.code == "NEH"
    assert consultation.meeting.starts_at > timezone.now()
    deadline = long_date(consultation.deadline)

    representative = User.objects.get(email="representant.miljo@example.org")
    (item,) = [i for i in todo.for_person(representative) if i.title == TITLE]
    assert item.due == consultation.deadline and item.administration == "Miljöförvaltningen"
    client.force_login(representative)
    for name in ("my_networks", "home"):
        todo_section = section(client.get(reverse(name)).content.decode(), "my-todo")
        assert TITLE in todo_section, name
        assert deadline in todo_section, name
        assert consultation.get_absolute_url() in todo_section, name

    client.force_login(User.objects.get(email="direktor.miljo@example.org"))
    director_section = section(client.get(reverse("home")).content.decode(), "administration-todo")
    assert TITLE in director_section
    assert deadline in director_section
