"""How many days ahead: fields on the network with defaults, editable in the admin; the jobs are
the worker's (periodic), never a page view's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.outbox import schedule
from networks.models import Network
from tests.reminders.support import meeting_on, recipients

pytestmark = pytest.mark.django_db


def test_the_networks_have_sane_defaults(neh):
    assert (
        neh.reminder_answer_days,
        neh.reminder_proposal_days,
        neh.reminder_action_days,
        neh.reminder_consultation_days,
        neh.reminder_report_back_days,
    ) == (3, 5, 7, 7, 14)


def test_the_admin_edits_the_days(client_for, neh):
    html = (
        client_for("admin")
        .get(reverse("admin:networks_network_change", args=[neh.pk]))
        .content.decode()
    )
    for field in (
        "reminder_answer_days",
        "reminder_proposal_days",
        "reminder_action_days",
        "reminder_consultation_days",
        "reminder_report_back_days",
    ):
        assert f'name="{field}"' in html


def test_zero_days_is_refused(neh):
    neh.reminder_answer_days = 0
    with pytest.raises(ValidationError):
        neh.full_clean()
    assert Network.objects.get(pk=neh.pk).reminder_answer_days == 3


def test_the_worker_runs_the_reminders_every_hour():
    schedule.autodiscover()
    jobs = {job.name: job for job in schedule.jobs()}
    assert jobs["reminders.send"].every.total_seconds() == 3600
    assert jobs["reminders.digest"].every.total_seconds() == 3600


def test_the_worker_sends_them_and_not_again_within_the_hour(monkeypatch, neh, representative, now):
    monkeypatch.setattr(timezone, "now", lambda: now)
    meeting_on(neh, 3)
    schedule.autodiscover()
    assert {"reminders.send", "reminders.digest"} <= set(schedule.run_due())
    assert recipients("unanswered") == [representative.email]
    assert "reminders.send" not in schedule.run_due()  # its next run is an hour on
    assert recipients("unanswered") == [representative.email]
