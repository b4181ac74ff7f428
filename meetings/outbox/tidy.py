"""Keeping the outbox and the task queue from growing with every message ever sent.

A sent message keeps its row for good: the row is what makes recording the same message again
a no-op (the key recipient, kind, object, version is unique), so deleting it could send an old
reminder twice. After OUTBOX_KEEP_DAYS its content (body, HTML, calendar part, builder
arguments) is emptied, which is nearly all of its size; who got what, and when, stays. Failed
and queued messages are left alone: a person still has to see them. The task queue's finished
results (one per delivery pass) are deleted after TASK_RESULTS_KEEP_DAYS.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meetings.models import OutboxMessage

TASK_RESULTS_KEEP_DAYS = 14


def thin_sent(now: datetime.datetime | None = None) -> int:
    """Empty the content of messages sent more than OUTBOX_KEEP_DAYS ago; how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS)
    return (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff)
        .exclude(body="", alternatives=[], attachments=[], arguments=None)
        .update(body="", alternatives=[], attachments=[], arguments=None)
    )


def prune_task_results(now: datetime.datetime | None = None) -> int:
    """Delete the database task backend's results finished more than two weeks ago; how
    many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=TASK_RESULTS_KEEP_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
