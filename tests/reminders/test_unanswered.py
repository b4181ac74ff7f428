"""The invitation not answered: N days before the meeting (the network's reminder_answer_days,
3 by default), to each representative and substitute whose administration has not answered."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from meetings.models import Attendance, Meeting
from meetings.outbox import delivery
from meetings.participation import workflow as participation
from tests import factories
from tests.reminders.support import meeting_on, recipients, run, sent, switch_off

pytestmark = pytest.mark.django_db

EVERYONE = ["ersattare@example.org", "representant@example.org"]
QUERIES = 31


def test_not_sent_n_plus_one_days_before(neh, representative, substitute, now):
    meeting_on(neh, neh.reminder_answer_days + 1)
    run(now)
    assert recipients("unanswered") == []


def test_sent_n_days_before_to_everyone_who_has_not_answered(neh, representative, substitute, now):
    meeting = meeting_on(neh, 3)
    run(now)
    assert recipients("unanswered") == EVERYONE
    reminder = sent("unanswered")[1]
    assert reminder.subject.startswith("[Hållbarhetsnätverken] Svara om du kommer till NEH-mötet")
    assert "Hej Rita Representant" in reminder.body
    assert "om 3 dagar, och du har inte svarat" in reminder.body
    assert "Klimatanpassning i förskolan" in reminder.body
    assert "/mina-natverk/" in reminder.body
    assert "/paminnelser/" in reminder.body
    assert reminder.object_key == f"meetings.meeting:{meeting.pk}"


def test_each_network_sets_its_own_number_of_days(neh, representative, now):
    neh.reminder_answer_days = 5
    neh.save(update_fields=["reminder_answer_days"])
    meeting_on(neh, 3)
    run(now)
    assert recipients("unanswered") == []
    meeting_on(neh, 5)
    run(now)
    assert recipients("unanswered") == ["representant@example.org"]


def test_running_the_job_twice_sends_once(neh, representative, substitute, now):
    meeting_on(neh, 3)
    run(now)
    run(now + datetime.timedelta(hours=1))
    assert recipients("unanswered") == EVERYONE
    delivery.deliver_due()
    assert sorted(m.to[0] for m in mail.outbox) == EVERYONE
    run(now + datetime.timedelta(hours=2))
    delivery.deliver_due()
    assert len(mail.outbox) == 2


def test_a_person_who_switched_it_off_gets_none(neh, representative, substitute, now):
    switch_off(representative, "unanswered")
    meeting_on(neh, 3)
    run(now)
    assert recipients("unanswered") == ["ersattare@example.org"]


def test_an_administration_that_answered_is_not_reminded(
    neh, representative, substitute, now, django_capture_on_commit_callbacks
):
    meeting = meeting_on(neh, 3)
    participation.answer(meeting, representative, Attendance.Answer.SUBSTITUTE_COMING)
    run(now)
    assert recipients("unanswered") == []


def test_a_cancelled_meeting_gets_no_reminder(neh, representative, now):
    meeting_on(neh, 3, status=Meeting.Status.CANCELLED)
    meeting_on(neh, 3, status=Meeting.Status.PLANNED)
    run(now)
    assert recipients("unanswered") == []


def test_nothing_is_sent_before_seven_in_the_morning(neh, representative, now):
    meeting_on(neh, 3)
    assert run(now.replace(hour=6, minute=59)) == 0
    assert recipients("unanswered") == []
    run(now.replace(hour=7, minute=0))
    assert recipients("unanswered") == ["representant@example.org"]


@pytest.mark.parametrize("people", [2, 8])
def test_the_jobs_queries_do_not_grow_with_the_people(
    people, neh, administration, now, django_assert_num_queries
):
    for n in range(people):
        person = factories.make_user(f"rep{n}@example.org")
        admin = administration if n == 0 else factories.make_administration()
        factories.make_appointment(person, admin, neh)
    meeting_on(neh, 3)
    meeting_on(neh, 1)
    ContentType.objects.clear_cache()  # the outbox's one lookup counted at both sizes
    # Per network and kind a few reads; per meeting its answers or its audience; then the
    # preferences once per kind and one insert per kind, meeting and day.
    with django_assert_num_queries(QUERIES):
        run(now)
    assert len(sent("unanswered")) == len(sent("day_before")) == people
