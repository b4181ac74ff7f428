"""The outbox's task: Django's tasks API (the django-tasks backport), so the same code runs on
the database backend today and on an RQ or Celery backend later (docs/operations.md)."""

from django_tasks import task

from meetings.outbox import delivery, fanout


@task()
def deliver_outbox(batch: str = "") -> int:
    """Send the messages of one recorded batch (enqueued when the transaction that recorded
    them commits), or all that are due when `batch` is empty. Returns how many were sent."""
    return delivery.deliver_due(batch=batch)


@task()
def expand_fanouts(batch: str = "") -> int:
    """Expand the fan-out recorded as `batch` (enqueued when its change commits) into its
    messages, any older one still waiting first, and send their messages in that order, so the
    messages of one meeting leave in the order of its changes (a fan-out another worker
    expanded is that worker's to send). Returns how many were sent."""
    sent = 0
    for expanded in fanout.expand_pending():
        while count := delivery.deliver_due(batch=expanded):
            sent += count
    return sent
