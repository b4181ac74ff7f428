"""The nightly tidying: sent messages keep their row but lose their content after
OUTBOX_KEEP_DAYS, and the task queue's finished results go after two weeks."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from config.mail import message
from meetings.models import OutboxMessage
from meetings.outbox import delivery, jobs, outbox, tidy
from tests import factories

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def recorded(meeting, version, *, status, sent_days_ago=None) -> OutboxMessage:
    mail = message("Ändrat: NEH möte", "Hela texten", to=["a@example.org"])
    mail.attach_alternative("BEGIN:VCALENDAR", "text/calendar; method=REQUEST")
    outbox.record(mail, kind="tidy-test", obj=meeting, version=version)
    row = OutboxMessage.objects.get(kind="tidy-test", version=str(version))
    sent_at = None if sent_days_ago is None else NOW - datetime.timedelta(days=sent_days_ago)
    OutboxMessage.objects.filter(pk=row.pk).update(status=status, sent_at=sent_at)
    row.refresh_from_db()
    return row


def test_old_sent_messages_lose_their_content_and_keep_their_record(settings, neh):
    settings.OUTBOX_KEEP_DAYS = 90
    meeting = factories.make_meeting(neh)
    old = recorded(meeting, 1, status=OutboxMessage.Status.SENT, sent_days_ago=91)
    recent = recorded(meeting, 2, status=OutboxMessage.Status.SENT, sent_days_ago=89)
    failed = recorded(meeting, 3, status=OutboxMessage.Status.FAILED)
    queued = recorded(meeting, 4, status=OutboxMessage.Status.QUEUED)

    assert tidy.thin_sent(NOW) == 1

    old.refresh_from_db()
    assert (old.body, old.alternatives, old.attachments) == ("", [], [])
    assert (old.subject, old.to, old.status) == ("Ändrat: NEH möte", ["a@example.org"], "sent")
    for row in (recent, failed, queued):
        row.refresh_from_db()
        assert row.body == "Hela texten"
        assert row.alternatives == [["BEGIN:VCALENDAR", "text/calendar; method=REQUEST"]]
    # Done once: the next night finds nothing more to thin.
    assert tidy.thin_sent(NOW) == 0


def test_a_thinned_message_recorded_again_is_still_not_sent_again(neh, settings):
    meeting = factories.make_meeting(neh)
    recorded(
        meeting, 1, status=OutboxMessage.Status.SENT, sent_days_ago=settings.OUTBOX_KEEP_DAYS + 1
    )
    tidy.thin_sent(NOW)

    outbox.record(
        message("Ändrat: NEH möte", "Hela texten", to=["a@example.org"]),
        kind="tidy-test",
        obj=meeting,
        version=1,
    )

    assert OutboxMessage.objects.get(kind="tidy-test").status == OutboxMessage.Status.SENT
    assert list(OutboxMessage.objects.due(NOW)) == []
    delivery.deliver_due()
    assert OutboxMessage.objects.get(kind="tidy-test").body == ""


def task_result(finished_days_ago: int | None, status: str) -> DBTaskResult:
    finished = (
        None if finished_days_ago is None else NOW - datetime.timedelta(days=finished_days_ago)
    )
    return DBTaskResult.objects.create(
        status=status,
        task_path="meetings.outbox.tasks.deliver_outbox",
        args_kwargs={"args": [], "kwargs": {}},
        priority=0,
        queue_name="default",
        backend_name="default",
        finished_at=finished,
    )


def test_finished_task_results_older_than_two_weeks_are_deleted():
    task_result(15, "SUCCESSFUL")
    task_result(15, "FAILED")
    recent = task_result(13, "SUCCESSFUL")
    waiting = task_result(None, "READY")

    assert tidy.prune_task_results(NOW) == 2

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}


def test_the_nightly_job_does_both(settings, neh):
    meeting = factories.make_meeting(neh)
    row = recorded(
        meeting, 1, status=OutboxMessage.Status.SENT, sent_days_ago=settings.OUTBOX_KEEP_DAYS + 1
    )
    result = task_result(30, "SUCCESSFUL")

    jobs.tidy_up()

    row.refresh_from_db()
    assert row.body == ""
    assert not DBTaskResult.objects.filter(pk=result.pk).exists()
