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


def test_the_counts_from_the_database_are_the_overviews(neh, nsh):
    """answer_counts (the editor's) counts as answer_overview (the meeting page's) does: an
    administration comes when one of its people comes or sends the substitute, did not answer
    when no one gave an answer; present when one was ticked, absent when all ticked were not.
    A person's answer counts for each administration they sit for; ended seats and other
    networks' seats do not count, nor answers to another meeting."""
    import datetime

    from django.utils import timezone

    from meetings.participation.workflow import answer_counts, answer_overview

    held = factories.make_meeting(neh, days_ahead=-2)
    other = factories.make_meeting(neh, days_ahead=-30)
    cases = [
        [("coming", True), ("", None)],
        [("substitute_coming", None), ("not_coming", False)],
        [("not_coming", False), ("not_coming", None)],
        [("", True)],
        [("", False), (None, None)],
        [(None, None), (None, None)],
        [("not_coming", None)],
    ]
    people = []
    for seats in cases:
        administration = factories.make_administration()
        for role, (answer, attended) in zip(
            [Appointment.Role.REPRESENTATIVE, Appointment.Role.SUBSTITUTE], seats, strict=False
        ):
            person = factories.make_user()
            factories.make_appointment(person, administration, neh, role)
            people.append(person)
            if answer is not None:
                Attendance.objects.create(
                    meeting=held, person=person, answer=answer, attended=attended
                )
            Attendance.objects.create(meeting=other, person=person, answer="coming", attended=True)
    # One person sits for two administrations; the second has no other seat.
    twice = factories.make_administration()
    factories.make_appointment(people[0], twice, neh, Appointment.Role.SUBSTITUTE)
    # An ended seat and a seat in another network.
    ended = factories.make_administration()
    factories.make_appointment(
        factories.make_user(), ended, neh, end_date=timezone.localdate() - datetime.timedelta(1)
    )
    elsewhere = factories.make_administration()
    factories.make_appointment(people[0], elsewhere, nsh)

    counts = answer_counts(held)
    assert counts == answer_overview(held).counts
    assert (counts.coming, counts.not_coming, counts.not_answered) == (3, 2, 3)
    assert (counts.present, counts.absent, counts.not_ticked) == (3, 3, 2)
