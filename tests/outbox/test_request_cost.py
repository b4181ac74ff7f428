"""A change that tells a meeting's whole audience records one fan-out and sends nothing: the
request's queries are the same for few or many recipients (tests/bench/publish.py measures it
at 4 and 40 administrations, and `make bench` holds it to a target)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, OutboxFanout, OutboxMessage
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def _seat(neh, administrations: int) -> None:
    for _ in range(administrations):
        administration = factories.make_administration()
        for role in (Appointment.Role.REPRESENTATIVE, Appointment.Role.SUBSTITUTE):
            factories.make_appointment(factories.make_user(), administration, neh, role)


def _publish_queries(client, neh, administrations: int) -> int:
    _seat(neh, administrations)
    meeting = factories.make_meeting(neh, days_ahead=40, status=Meeting.Status.PLANNED)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("meeting_publish", args=[meeting.pk]), {"version": 1})
    assert response.status_code == 302
    assert OutboxFanout.objects.filter(object_id=str(meeting.pk)).count() == 1
    return len(captured)


def test_publishing_costs_the_same_queries_for_few_or_many_recipients(
    client_for, neh, worker_backend, mailoutbox
):
    client = client_for("coordinator")
    _publish_queries(client, neh, 1)  # warms the caches (content types, session)
    few = _publish_queries(client, neh, 2)
    many = _publish_queries(client, neh, 40)  # 86 recipients
    assert few == many
    assert not OutboxMessage.objects.exists()  # nobody listed yet: the worker does it
    assert mailoutbox == []  # the worker sends them


def _publish_agenda_queries(client, neh, administrations: int) -> int:
    _seat(neh, administrations)
    meeting = factories.make_meeting(neh, days_ahead=40)
    factories.make_agenda_item(meeting, position=1, title="Läget")
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("agenda_publish", args=[meeting.pk]), {"change_note": "", "based_on": 0}
        )
    assert response.status_code == 302
    assert OutboxFanout.objects.filter(kind="agenda.published").count() >= 1
    return len(captured)


def test_publishing_an_agenda_version_costs_the_same_queries_for_few_or_many_recipients(
    client_for, neh, worker_backend, mailoutbox
):
    client = client_for("coordinator")
    _publish_agenda_queries(client, neh, 1)  # warms the caches
    few = _publish_agenda_queries(client, neh, 2)
    many = _publish_agenda_queries(client, neh, 40)
    assert few == many
    assert not OutboxMessage.objects.filter(kind="agenda.published").exists()
    assert mailoutbox == []
