"""The outbox's task: Django's tasks API (the django-tasks backport), so the same code runs on
the database backend today and on an RQ or Celery backend later (docs/operations.md)."""

from django_tasks import task

from meetings.outbox import delivery


@task()
def deliver_outbox(batch: str = "") -> int:
    """Send the messages of one recorded batch (enqueued when the transaction that recorded
    them commits), or all that are due when `batch` is empty. Returns how many were sent."""
    return delivery.deliver_due(batch=batch)
