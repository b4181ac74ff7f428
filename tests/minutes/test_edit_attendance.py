"""The minutes editor shows the attendance as counts, not every seat of the network: the list
is on the meeting page (a page at a time), and goes into the minutes whole when published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Attendance, MinutesVersion
from representatives.models import Appointment
from tests import factories
from tests.minutes.test_minutes import write_and_publish

pytestmark = pytest.mark.django_db


def test_the_editor_counts_attendance_and_publishing_keeps_every_seat(
    client_for, held, neh, representative, django_capture_on_commit_callbacks
):
    Attendance.objects.create(meeting=held, person=representative, answer="coming", attended=True)
    others = []
    for n in range(3):
        administration = factories.make_administration(name=f"Förvaltning {n}")
        person = factories.make_user(full_name=f"Person {n}")
        factories.make_appointment(person, administration, neh, Appointment.Role.REPRESENTATIVE)
        others.append(person)
    Attendance.objects.create(meeting=held, person=others[0], answer="coming", attended=False)
    client = client_for("coordinator")
    page = client.get(reverse("minutes_edit", args=[held.pk])).content.decode()
    assert 'data-count="present">1<' in page
    assert 'data-count="absent">1<' in page
    assert 'data-count="not-ticked">2<' in page
    assert "4 förvaltningar i nätverket." in page
    assert "Person 2" not in page  # no row per seat
    with django_capture_on_commit_callbacks(execute=True):
        write_and_publish(client, held)
    names = {
        person["name"]
        for group in MinutesVersion.objects.get().content["attendance"]
        for person in group["people"]
    }
    assert {representative.full_name, "Person 0", "Person 1", "Person 2"} <= names


def test_the_editor_lists_each_items_actions_and_reads_no_other(
    client_for, held, administration, django_assert_num_queries
):
    """Under each item its actions, with their administrations; an action taken at the meeting
    from no item (or from an item not on the agenda) is not shown, and not read: the page's
    queries are the same with none or many of them."""
    first, second = held.items
    factories.make_action(
        held, agenda_item=first, title="Skriv <planen>", administrations=[administration]
    )
    factories.make_action(held, agenda_item=second, title="Räkna på solel")
    client = client_for("coordinator")
    url = reverse("minutes_edit", args=[held.pk])
    page = client.get(url).content.decode()
    assert "Skriv &lt;planen&gt; – " + administration.name in page
    assert "Räkna på solel" in page
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    declined = factories.make_agenda_item(held, title="Avböjd", status="declined")
    for n in range(5):
        factories.make_action(held, title=f"Fristående {n}", administrations=[administration])
    factories.make_action(held, agenda_item=declined, title="Från en avböjd punkt")
    with django_assert_num_queries(len(before.captured_queries)):
        page = client.get(url).content.decode()
    assert "Fristående" not in page and "Från en avböjd punkt" not in page
