"""Expanding a fan-out: one recorded change to a whole audience becomes one outbox message per
person, rendered and sent by delivery.py.

The audience is read here, when the worker runs (seconds after the change), not in the
request: the request records one row whatever the number of people. Each message gets the key
a message recorded per person would have had (recipient, kind, object, version) and is due from
the moment of the change, so it leaves before anything recorded after the change.

Safe to run twice or at once in two workers: the fan-out is claimed with one conditional
UPDATE (queued → expanded) in the same transaction as the INSERT of its messages, which
ignores a key already recorded. A worker that dies mid-way rolls both back, and the fan-out
waits for the next pass. An audience or INSERT that fails is retried at the next pass; after
OUTBOX_MAX_ATTEMPTS the fan-out is marked failed and logged.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from meetings.models import OutboxFanout, OutboxMessage
from meetings.outbox import builders

logger = logging.getLogger(__name__)


def messages(fanout: OutboxFanout) -> list[OutboxMessage]:
    """The fan-out's messages for the people its audience lists now (not saved)."""
    return [
        OutboxMessage(
            recipient=address.lower(),
            kind=fanout.kind,
            content_type_id=fanout.content_type_id,
            object_id=fanout.object_id,
            object_key=fanout.object_key,
            version=fanout.version,
            batch=fanout.batch,
            network_id=fanout.network_id,
            to=[address],
            builder=fanout.builder,
            arguments={**fanout.arguments, **own},
            next_attempt_at=fanout.recorded_at,
        )
        for address, own in builders.recipients(fanout.audience, fanout.arguments)
    ]


def expand(pk: int) -> int | None:
    """Expand one fan-out if it is still waiting. Returns how many messages it gave (None: a
    worker had already expanded it)."""
    try:
        with transaction.atomic():
            claimed = (
                OutboxFanout.objects.pending()
                .filter(pk=pk)
                .update(
                    status=OutboxFanout.Status.EXPANDED,
                    expanded_at=timezone.now(),
                    attempts=F("attempts") + 1,
                )
            )
            if not claimed:
                return None
            rows = messages(OutboxFanout.objects.get(pk=pk))
            OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
    except Exception as error:
        _failed_attempt(pk, error)
        return None
    return len(rows)


def _failed_attempt(pk: int, error: BaseException) -> None:
    text = f"{type(error).__name__}: {error}"[:2000]
    fanout = OutboxFanout.objects.filter(pk=pk, status=OutboxFanout.Status.QUEUED).first()
    if fanout is None:
        return
    attempts = fanout.attempts + 1
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status = OutboxFanout.Status.FAILED
        logger.error("Outbox fan-out %s failed for good: %s", pk, text)
    else:
        status = OutboxFanout.Status.QUEUED
        logger.warning("Outbox fan-out %s attempt %s failed: %s", pk, attempts, text)
    OutboxFanout.objects.filter(pk=pk, status=OutboxFanout.Status.QUEUED).update(
        status=status, attempts=attempts, last_error=text
    )


def expand_pending() -> list[str]:
    """Expand every waiting fan-out, oldest first. Returns the batches of their messages, in
    that order."""
    pending = OutboxFanout.objects.pending().order_by("recorded_at", "pk")
    return [
        batch for pk, batch in list(pending.values_list("pk", "batch")) if expand(pk) is not None
    ]
