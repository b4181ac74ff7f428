"""Delivery of the outbox: send what is due, each message at most once.

A message is claimed with a conditional UPDATE (queued and due → sending) before it is sent, so
two workers, or a retry running beside a delivery pass, never send it twice; it works the same
on SQLite and PostgreSQL. After a failed attempt it waits OUTBOX_RETRY_BASE_SECONDS, doubled
each time; after OUTBOX_MAX_ATTEMPTS it is marked failed and shown to the network's
coordinators ("Misslyckade utskick"), who can put it back in the queue. A message left
"sending" by a worker that died mid-send may or may not have left: it is marked failed for a
person to judge rather than sent again. A message recorded with a builder is rendered just
before it is sent; a builder that fails is a failed attempt like a failed send.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.utils import timezone

from config.mail import message
from meetings.models import OutboxMessage
from meetings.outbox import builders

logger = logging.getLogger(__name__)

BATCH = 200
# A claim older than this belongs to a worker that stopped mid-send.
STALE_CLAIM = datetime.timedelta(minutes=15)
INTERRUPTED = "Avbröts under sändningen och kan ha kommit fram. Skicka igen bara om det behövs."


def as_email(row: OutboxMessage, connection=None) -> EmailMultiAlternatives:
    """The stored message as Django builds it for sending."""
    mail = message(
        row.subject, row.body, row.to, from_email=row.from_email or None, reply_to=row.reply_to
    )
    mail.cc, mail.bcc, mail.extra_headers = list(row.cc), list(row.bcc), dict(row.headers)
    mail.connection = connection
    for content, mimetype in row.alternatives:
        mail.attach_alternative(content, mimetype)
    for filename, content, mimetype in row.attachments:
        mail.attach(filename or None, content, mimetype)
    return mail


def render(row: OutboxMessage, cache: dict | None = None) -> None:
    """A message recorded with a builder is rendered now, from the current database state, and
    the result is stored on the row (what was sent stays readable). Each attempt renders
    again, so a retry sends what is current. `cache`: the delivery pass's (builders.py)."""
    if not row.builder:
        return
    fields = builders.message_fields(builders.build(row.builder, row.arguments or {}, cache))
    for name, value in fields.items():
        setattr(row, name, value)
    OutboxMessage.objects.filter(pk=row.pk).update(**fields)


def back_off(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1))


def _claim(pk: int, now: datetime.datetime) -> bool:
    """Take the message for this worker: one UPDATE that only one worker can win."""
    return bool(
        OutboxMessage.objects.due(now)
        .filter(pk=pk)
        .update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def _failed_attempt(row: OutboxMessage, error: BaseException, now: datetime.datetime) -> None:
    text = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status, next_attempt_at = OutboxMessage.Status.FAILED, now
        logger.error("Outbox message %s failed for good: %s", row.pk, text)
    else:
        status, next_attempt_at = OutboxMessage.Status.QUEUED, now + back_off(row.attempts)
        logger.warning("Outbox message %s attempt %s failed: %s", row.pk, row.attempts, text)
    OutboxMessage.objects.filter(pk=row.pk, status=OutboxMessage.Status.SENDING).update(
        status=status, next_attempt_at=next_attempt_at, last_error=text, claimed_at=None
    )


def release_stale_claims(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    ).update(
        status=OutboxMessage.Status.FAILED,
        claimed_at=None,
        last_error=INTERRUPTED,
    )


def deliver_due(limit: int = BATCH, batch: str = "") -> int:
    """Send the messages that are due (of one recorded batch, if given), over one SMTP
    connection. Returns how many were sent."""
    now = timezone.now()
    release_stale_claims(now)
    due = OutboxMessage.objects.due(now)
    if batch:
        due = due.filter(batch=batch)
    pks = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    sent = 0
    connection = None
    # What the builders read, shared by this pass's messages only. Read after the rows were
    # listed, so it is at least as new as every change whose messages this pass sends.
    cache: dict = {}
    for pk in pks:
        if not _claim(pk, now):
            continue  # another worker has it
        row = OutboxMessage.objects.get(pk=pk)
        try:
            render(row, cache)
            if connection is None:
                connection = get_connection()
                connection.open()
            if not as_email(row, connection).send():
                raise RuntimeError("the mail backend accepted nothing")
        except Exception as error:
            _failed_attempt(row, error, timezone.now())
            _close(connection)
            connection = None  # the next message tries a fresh connection
            continue
        done: dict = {"status": OutboxMessage.Status.SENT, "sent_at": timezone.now()}
        if row.is_account_message:
            # A sent reset link or sign-in code is needed by nobody; stored, it is a key.
            done.update(body="", alternatives=[])
        OutboxMessage.objects.filter(pk=pk, status=OutboxMessage.Status.SENDING).update(
            **done, last_error="", claimed_at=None
        )
        sent += 1
    _close(connection)
    return sent


def _close(connection) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except Exception:
        logger.warning("Closing the SMTP connection failed", exc_info=True)
