"""Proposals close soon: N days (reminder_proposal_days, 5) before a meeting's proposals close
(proposal_close_days, 7, before it starts), to the network's representatives and substitutes."""

import datetime

import pytest

from meetings.models import Meeting
from tests.reminders.support import meeting_on, recipients, run, sent, switch_off

pytestmark = pytest.mark.django_db

EVERYONE = ["ersattare@example.org", "representant@example.org"]


def test_not_sent_n_plus_one_days_before_they_close(neh, representative, now):
    meeting_on(neh, 5 + 7 + 1)
    run(now)
    assert recipients("proposals_closing") == []


def test_sent_n_days_before_they_close(neh, representative, substitute, now):
    meeting = meeting_on(neh, 5 + 7)
    run(now)
    assert recipients("proposals_closing") == EVERYONE
    reminder = sent("proposals_closing")[0]
    assert "Förslag till NEH-mötets dagordning stänger" in reminder.subject
    assert "Om 5 dagar stänger förslagen" in reminder.body
    assert f"/moten/{meeting.pk}/forslag/" in reminder.body


def test_running_the_job_twice_sends_once(neh, representative, now):
    meeting_on(neh, 12)
    run(now)
    run(now + datetime.timedelta(hours=3))
    assert recipients("proposals_closing") == ["representant@example.org"]


def test_a_person_who_switched_it_off_gets_none(neh, representative, substitute, now):
    switch_off(representative, "proposals_closing")
    meeting_on(neh, 12)
    run(now)
    assert recipients("proposals_closing") == ["ersattare@example.org"]


def test_a_meeting_not_open_for_proposals_gets_none(neh, representative, now):
    meeting_on(neh, 12, status=Meeting.Status.CANCELLED)
    meeting_on(neh, 12, status=Meeting.Status.PLANNED)
    run(now)
    assert recipients("proposals_closing") == []


def test_the_other_network_is_not_told(neh, nsh, representative, now):
    meeting_on(nsh, 12)
    run(now)
    assert recipients("proposals_closing") == []
