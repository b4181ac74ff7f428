"""The reminders' periodic jobs, run by the worker (`manage.py run_worker`), never by a page.

Every hour: what is due today (Europe/Stockholm) is recorded in the outbox, which sends each
reminder once however often the job finds it. Nothing is sent before 07.00.
"""

import datetime

from django.utils import timezone

from meetings.outbox import schedule
from meetings.reminders import digest, due, mail


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Record today's reminders; returns how many were handed to the outbox."""
    now = now or timezone.now()
    if timezone.localtime(now).time() < digest.SEND_FROM:
        return 0
    return mail.record(due.due(now))


def send_digests(now: datetime.datetime | None = None) -> int:
    return digest.send(now or timezone.now())


@schedule.periodic(every=datetime.timedelta(hours=1), name="reminders.send")
def hourly_reminders() -> None:
    send_reminders()


@schedule.periodic(every=datetime.timedelta(hours=1), name="reminders.digest")
def hourly_digest() -> None:
    send_digests()
