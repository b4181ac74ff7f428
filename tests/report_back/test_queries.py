"""The pack's pages run the same number of queries whatever the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import ConsultationResponse, Minutes, ReportBack
from tests import factories
from tests.report_back.conftest import action, days, publish_minutes, question

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def grow(held, administration, other_administration, coordinator, size: int) -> None:
    """`size` more of everything the pages read."""
    neh = held.network
    start = held.agenda_items.count() + 1
    items = [factories.make_agenda_item(held, position=start + n) for n in range(size)]
    if not Minutes.objects.filter(meeting=held).exists():
        publish_minutes(held, {item: f"Utfall {n}" for n, item in enumerate(items)}, coordinator)
    else:
        for item in items:
            held.minutes.entries.create(agenda_item=item, outcome="Mer")
    for n in range(size):
        extra = factories.make_administration()
        factories.make_appointment(factories.make_user(), extra, neh)
        ReportBack.objects.create(meeting=held, administration=extra, presented_on=days(0))
        question(neh, administration, f"Fråga {n}", state="outcome", meeting=held, outcome="x")
        action(held, f"Åtgärd {n}", days(n), [administration, other_administration, extra])
        factories.make_document(neh, title=f"Bilaga {n}", meeting=held)
        doc = factories.make_consultation(neh, asked=[administration, extra])
        ConsultationResponse.objects.filter(document=doc, administration=extra).update(
            sent_at=held.starts_at
        )
        factories.make_meeting(neh, days_ahead=-20 - n)


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("representative", "pack"),
        ("director", "pack"),
        ("coordinator", "pack"),
        ("representative", "text"),
        ("representative", "meeting"),
        ("director", "meeting"),
        ("coordinator", "status"),
        ("coordinator", "dashboard"),
    ],
)
def test_query_count_does_not_grow(
    role,
    page,
    held,
    administration,
    other_administration,
    coordinator,
    representative,
    director,
    client_for,
):
    urls = {
        "pack": reverse("report_back_pack", args=[held.pk, administration.pk]),
        "text": reverse("report_back_text", args=[held.pk, administration.pk]),
        "meeting": held.get_absolute_url(),
        "status": reverse("report_back_status", args=[held.pk]),
        "dashboard": reverse("coordination_dashboard", args=["neh"]),
    }
    client = client_for(role)
    grow(held, administration, other_administration, coordinator, 1)
    ReportBack.objects.create(meeting=held, administration=administration, presented_on=days(0))
    small = count(client, urls[page])
    grow(held, administration, other_administration, coordinator, 5)
    assert count(client, urls[page]) == small
    assert small <= MAX_QUERIES
