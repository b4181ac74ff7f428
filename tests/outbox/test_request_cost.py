"""Publishing records the messages and sends none: the request's queries do not grow with
the number of recipients (tests/bench/publish.py measures it at 4 and 40 administrations)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, OutboxMessage
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def _publish_queries(client, neh, administrations: int) -> int:
    for _ in range(administrations):
        administration = factories.make_administration()
        for role in (Appointment.Role.REPRESENTATIVE, Appointment.Role.SUBSTITUTE):
            factories.make_appointment(factories.make_user(), administration, neh, role)
    meeting = factories.make_meeting(neh, days_ahead=40, status=Meeting.Status.PLANNED)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("meeting_publish", args=[meeting.pk]), {"version": 1})
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(object_id=str(meeting.pk)).count() >= 2 * administrations
    return len(captured)


def test_publishing_costs_the_same_queries_for_few_or_many_recipients(
    client_for, neh, worker_backend, mailoutbox
):
    client = client_for("coordinator")
    _publish_queries(client, neh, 1)  # warms the caches (content types, session)
    few = _publish_queries(client, neh, 2)
    many = _publish_queries(client, neh, 12)  # 26 recipients: one SQLite insert batch still
    assert few == many
    assert mailoutbox == []  # the worker sends them
