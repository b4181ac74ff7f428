"""The outbox end to end, through a real SMTP server (aiosmtpd) and the real worker.

A change records its messages in the same transaction; the request never talks to the SMTP
server; the worker (`manage.py run_worker`, on django-tasks' database backend) delivers them,
each exactly once, and keeps retrying while the server is down."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from config.mail import message
from meetings.models import Meeting, OutboxFanout, OutboxMessage, PeriodicJob
from meetings.outbox import delivery, outbox
from tests import factories

pytestmark = pytest.mark.django_db


def run_worker() -> None:
    call_command("run_worker", "--once", verbosity=0)


def publish(client, meeting, captured):
    with captured(execute=True):
        return client.post(reverse("meeting_publish", args=[meeting.pk]), {"version": 1})


@pytest.fixture
def planned(neh):
    return factories.make_meeting(
        neh, days_ahead=40, status=Meeting.Status.PLANNED, theme_title="Solel\r\npå\ttaken"
    )


def test_a_title_with_a_line_break_is_published_queued_and_delivered_on_one_line(
    client_for, planned, network_people, smtp, worker_backend, django_capture_on_commit_callbacks
):
    response = publish(client_for("coordinator"), planned, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert smtp.messages == []  # the request only recorded them: one fan-out, no message yet
    fanout = OutboxFanout.objects.get(kind="calendar.published")
    assert fanout.status == "queued"
    queued = OutboxMessage.objects.filter(kind="calendar.published")
    assert not queued.exists()
    assert DBTaskResult.objects.filter(task_path__endswith="expand_fanouts").count() == 1

    run_worker()

    assert queued.count() == 3

    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in network_people)
    for received in smtp.messages:
        assert "\n" not in received["Subject"] and "\r" not in received["Subject"]
        assert "Solel på taken" in received["Subject"]
        calendar_part = next(p for p in received.walk() if p.get_content_type() == "text/calendar")
        assert calendar_part.get_param("method") == "REQUEST"
    assert set(queued.values_list("status", flat=True)) == {"sent"}


def test_smtp_outage_keeps_the_messages_queued_until_the_server_is_back(
    client_for, planned, network_people, smtp, worker_backend, django_capture_on_commit_callbacks
):
    smtp.stop()
    response = publish(client_for("coordinator"), planned, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PUBLISHED

    run_worker()  # the server is down: every attempt fails and waits
    rows = OutboxMessage.objects.filter(kind="calendar.published")
    assert rows.count() == 3
    for row in rows:
        assert (row.status, row.attempts) == ("queued", 1)
        assert row.next_attempt_at > timezone.now()
        assert "Connection refused" in row.last_error or "Errno" in row.last_error

    smtp.start()
    run_worker()  # not yet due: the back-off holds
    assert smtp.messages == []
    # Time passes: the back-off is over, and the worker's periodic sweep is due again.
    rows.update(next_attempt_at=timezone.now())
    PeriodicJob.objects.filter(name="outbox.sweep").update(next_run_at=timezone.now())
    run_worker()
    PeriodicJob.objects.filter(name="outbox.sweep").update(next_run_at=timezone.now())
    run_worker()  # a second pass finds nothing more to send
    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in network_people)
    assert set(rows.values_list("status", flat=True)) == {"sent"}


def test_recording_the_same_message_twice_sends_it_once(neh, smtp, worker_backend):
    meeting = factories.make_meeting(neh, days_ahead=10)
    for _ in range(2):
        outbox.record(
            message("Ämne", "Text", to=["a@example.org"]), kind="test", obj=meeting, version=3
        )
    assert OutboxMessage.objects.count() == 1
    delivery.deliver_due()
    delivery.deliver_due()
    assert len(smtp.messages) == 1
    # A new version of the object is a new message.
    again = message("Ämne", "Text", to=["a@example.org"])
    outbox.record(again, kind="test", obj=meeting, version=4)
    delivery.deliver_due()
    assert len(smtp.messages) == 2


def test_a_claimed_message_is_not_sent_by_a_second_pass(neh, smtp, worker_backend):
    outbox.record(message("Ämne", "Text", to=["a@example.org"]), kind="test", obj="key", version=1)
    row = OutboxMessage.objects.get()
    now = timezone.now()
    assert delivery._claim(row.pk, now)
    assert not delivery._claim(row.pk, now)  # another worker loses the race
    assert delivery.deliver_due() == 0
    assert smtp.messages == []


def test_plain_text_arrives_unescaped(
    client_for, neh, network_people, smtp, worker_backend, django_capture_on_commit_callbacks
):
    meeting = factories.make_meeting(
        neh,
        days_ahead=40,
        status=Meeting.Status.PLANNED,
        theme_title="Mat & svinn hos O'Brien",
        online_url="https://teams.example.org/join?a=1&b=2",
    )
    publish(client_for("coordinator"), meeting, django_capture_on_commit_callbacks)
    run_worker()
    assert smtp.messages
    for received in smtp.messages:
        assert received["Subject"].endswith("Mat & svinn hos O'Brien")
        text = received.get_body(("plain",)).get_content()
        assert "Mat & svinn hos O'Brien" in text
        assert "https://teams.example.org/join?a=1&b=2" in text
        assert "&#x27;" not in text and "&amp;" not in text


def test_after_the_last_attempt_a_message_is_failed_and_shown_to_coordinators(
    settings, client_for, neh, nsh, smtp, worker_backend
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    meeting = factories.make_meeting(neh, days_ahead=10)
    outbox.record(
        message("Tema: Solel", "Text", to=["borta@example.org"]), kind="test", obj=meeting
    )
    row = OutboxMessage.objects.get()
    assert row.network_id == neh.pk
    smtp.stop()
    delivery.deliver_due()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    delivery.deliver_due()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 2)

    client = client_for("coordinator")
    dashboard = client.get(reverse("coordination_dashboard", args=["neh"])).content.decode()
    assert "Misslyckade utskick</a>" not in dashboard  # the count is part of the link
    assert "Misslyckade utskick (1)" in dashboard
    page = client.get(reverse("outbox_failed", args=["neh"])).content.decode()
    assert "borta@example.org" in page and "Tema: Solel" in page

    smtp.start()
    with_capture = client.post(reverse("outbox_retry", args=["neh", row.pk]))
    assert with_capture.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("queued", 0)
    run_worker()
    row.refresh_from_db()
    assert row.status == "sent"
    assert [m["To"] for m in smtp.messages] == ["borta@example.org"]
    page = client.get(reverse("outbox_failed", args=["neh"])).content.decode()
    assert "Inga misslyckade utskick." in page


def test_retry_all_puts_only_the_networks_failed_messages_back(client_for, neh, nsh, db):
    ours = factories.make_meeting(neh, days_ahead=10)
    theirs = factories.make_meeting(nsh, days_ahead=10)
    for obj in (ours, theirs):
        outbox.record(message("Ä", "T", to=["x@example.org"]), kind="test", obj=obj)
    OutboxMessage.objects.update(status="failed", attempts=6)
    response = client_for("coordinator").post(reverse("outbox_retry_all", args=["neh"]))
    assert response.status_code == 302
    assert dict(OutboxMessage.objects.values_list("network__code", "status")) == {
        "NEH": "queued",
        "NSH": "failed",
    }


def test_a_message_left_sending_by_a_dead_worker_is_failed_not_resent(neh, smtp, worker_backend):
    outbox.record(message("Ä", "T", to=["x@example.org"]), kind="test", obj="k")
    OutboxMessage.objects.update(
        status="sending", claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    delivery.deliver_due()
    row = OutboxMessage.objects.get()
    assert row.status == "failed" and "kan ha kommit fram" in row.last_error
    assert smtp.messages == []


def test_a_rolled_back_change_records_nothing(neh, db):
    from django.db import transaction

    meeting = factories.make_meeting(neh, days_ahead=10)
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.record(message("Ä", "T", to=["x@example.org"]), kind="test", obj=meeting)
        raise RuntimeError
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []
