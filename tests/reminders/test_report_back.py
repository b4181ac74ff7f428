"""The report-back pack not marked presented two weeks (reminder_report_back_days, 14) after the
meeting: to the person who answers for each seated administration that has not marked it."""

import datetime

import pytest

from meetings.models import ReportBack
from tests.reminders.support import day, meeting_on, recipients, run, sent, switch_off

pytestmark = pytest.mark.django_db


def test_not_sent_thirteen_days_after(neh, representative, now):
    meeting_on(neh, -13)
    run(now)
    assert recipients("report_back") == []


def test_sent_fourteen_days_after(neh, administration, representative, substitute, now):
    meeting = meeting_on(neh, -14)
    run(now)
    assert recipients("report_back") == ["representant@example.org"]
    reminder = sent("report_back")[0]
    assert "Återrapporten från NEH-mötet" in reminder.subject
    assert "för 14 dagar sedan" in reminder.body
    assert "ledningsgruppen i Miljöförvaltningen" in reminder.body
    assert f"/moten/{meeting.pk}/aterrapport/{administration.pk}/" in reminder.body


def test_running_the_job_twice_sends_once(neh, representative, now):
    meeting_on(neh, -14)
    run(now)
    run(now + datetime.timedelta(hours=8))
    assert recipients("report_back") == ["representant@example.org"]


def test_a_person_who_switched_it_off_gets_none(neh, representative, now):
    switch_off(representative, "report_back")
    meeting_on(neh, -14)
    run(now)
    assert recipients("report_back") == []


def test_a_presented_pack_gets_no_reminder(neh, administration, representative, now):
    meeting = meeting_on(neh, -14)
    ReportBack.objects.create(meeting=meeting, administration=administration, presented_on=day(-2))
    run(now)
    assert recipients("report_back") == []
