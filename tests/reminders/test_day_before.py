"""The day before the meeting: its time and place and the published agenda, to everyone who
should have the meeting, except those who said they are not coming."""

import datetime

import pytest

from meetings.models import Attendance
from tests import factories
from tests.reminders.support import meeting_on, recipients, run, sent, switch_off

pytestmark = pytest.mark.django_db

EVERYONE = ["ersattare@example.org", "representant@example.org"]


def test_not_sent_two_days_before(neh, representative, substitute, now):
    meeting_on(neh, 2)
    run(now)
    assert recipients("day_before") == []


def test_sent_the_day_before_with_the_published_agenda(neh, representative, substitute, now):
    meeting = meeting_on(neh, 1, place="Stadshuset, sal 3")
    factories.make_agenda_item(meeting, position=1, title="Solceller på förskolorna")
    factories.make_agenda_item(meeting, title="Ett förslag som inte är antaget")
    factories.publish_agenda(meeting)
    run(now)
    assert recipients("day_before") == EVERYONE
    reminder = sent("day_before")[0]
    assert "I morgon: NEH-mötet kl. 10.00" in reminder.subject
    assert "Stadshuset, sal 3" in reminder.body
    assert "Dagordning: Klimatanpassning i förskolan" in reminder.body
    assert "Solceller på förskolorna" in reminder.body
    assert "Ett förslag som inte är antaget" not in reminder.body


def test_without_a_published_agenda_it_says_so(neh, representative, now):
    meeting = meeting_on(neh, 1)
    factories.make_agenda_item(meeting, position=1, title="Utkastets punkt")
    run(now)
    body = sent("day_before")[0].body
    assert "Dagordningen är inte publicerad ännu." in body
    assert "Utkastets punkt" not in body


def test_running_the_job_twice_sends_once(neh, representative, now):
    meeting_on(neh, 1)
    run(now)
    run(now + datetime.timedelta(hours=5))
    assert recipients("day_before") == ["representant@example.org"]


def test_a_person_who_switched_it_off_gets_none(neh, representative, substitute, now):
    switch_off(substitute, "day_before")
    meeting_on(neh, 1)
    run(now)
    assert recipients("day_before") == ["representant@example.org"]


def test_not_sent_to_someone_not_coming(neh, representative, substitute, now):
    meeting = meeting_on(neh, 1)
    Attendance.objects.create(
        meeting=meeting, person=representative, answer=Attendance.Answer.NOT_COMING
    )
    run(now)
    assert recipients("day_before") == ["ersattare@example.org"]


def test_an_invited_colleague_with_an_account_gets_it_one_without_does_not(
    neh, representative, administration, now
):
    meeting = meeting_on(neh, 1)
    colleague = factories.make_user("kollega@example.org", "Kim Kollega")
    for email in (colleague.email, "utan.konto@example.org"):
        meeting.invitations.create(
            invited_by=representative,
            administration=administration,
            full_name="Kollega",
            email=email,
            reason="Temat",
            token_hash=email,
        )
    run(now)
    assert recipients("day_before") == ["kollega@example.org", "representant@example.org"]
