"""Helpers of the reminders' tests: meetings on a day, switching a reminder off, what the
outbox holds."""

import datetime

from django.utils import timezone

from meetings.models import Meeting, OutboxMessage, ReminderPreferences
from meetings.reminders import jobs


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), timezone.get_current_timezone()
    )


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def meeting_on(network, offset: int, *, hour: int = 10, **extra) -> Meeting:
    """A published meeting of the network starting `offset` days from today."""
    starts_at = local(day(offset), hour)
    extra.setdefault("status", Meeting.Status.PUBLISHED)
    extra.setdefault("published_at", timezone.now() - datetime.timedelta(days=60))
    return Meeting.objects.create(
        network=network,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        theme_title=extra.pop("theme_title", "Klimatanpassning i förskolan"),
        **extra,
    )


def switch_off(person, kind: str) -> None:
    ReminderPreferences.objects.update_or_create(user=person, defaults={kind: False})


def sent(kind: str) -> list[OutboxMessage]:
    """The outbox's messages of one kind of reminder, by recipient."""
    return list(OutboxMessage.objects.filter(kind=f"reminder.{kind}").order_by("recipient", "pk"))


def recipients(kind: str) -> list[str]:
    return [row.recipient for row in sent(kind)]


def run(now) -> int:
    return jobs.send_reminders(now)
