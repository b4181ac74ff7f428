"""Record e-mail in the outbox, inside the transaction of the change that causes it.

    outbox.record(mail, kind="minutes.published", obj=version, version=version.number)

`record` stores the fully rendered message (subject, text, alternatives such as the iTIP
`text/calendar` part, attachments, headers, from and reply-to) with its idempotency key:
recipient, kind, object and version. The same key is recorded once, so a form posted twice or a
step repeated records no second message; a `version` of None means "a new event every call".
`record_later` stores instead what a named builder needs to render the message, which the
worker does at delivery (builders.py); `record_fanout` stores one row for a change that tells
a whole audience, which the worker expands into the per-person rows (fanout.py).
When the transaction commits, the delivery task is enqueued (meetings/outbox/tasks.py);
the worker sends the message, and retries it with a growing pause if the SMTP server fails.
"""

import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.utils import timezone

from meetings.models import OutboxFanout, OutboxMessage
from meetings.outbox import builders, tasks
from networks.models import Network


def _object_key(obj: models.Model | str) -> tuple[ContentType | None, str, str]:
    if isinstance(obj, str):
        return None, "", obj
    content_type = ContentType.objects.get_for_model(obj)
    return content_type, str(obj.pk), f"{content_type.app_label}.{content_type.model}:{obj.pk}"


def _network_id(obj: models.Model | str) -> int | None:
    """The network whose coordinators see the message if it cannot be delivered."""
    if isinstance(obj, str):
        return None
    minutes = getattr(obj, "minutes", None)
    for candidate in (obj, getattr(obj, "meeting", None), getattr(minutes, "meeting", None)):
        network_id = getattr(candidate, "network_id", None)
        if network_id is not None:
            return network_id
    return None


def _object_fields(obj: models.Model | str) -> dict:
    """The object part of a row's idempotency key, and the network whose coordinators see it
    fail: the same for a message and a fan-out."""
    content_type, object_id, object_key = _object_key(obj)
    return {
        "content_type": content_type,
        "object_id": object_id,
        "object_key": object_key,
        "network_id": _network_id(obj),
    }


def _version(version: object) -> str:
    """The key's version; None: a new event each time."""
    return uuid.uuid4().hex if version is None else str(version)


def row(
    mail: EmailMessage,
    *,
    kind: str,
    obj: models.Model | str,
    version: object = None,
    now=None,
    batch: str = "",
) -> OutboxMessage:
    """The outbox row for one built message (not saved)."""
    return OutboxMessage(
        recipient=", ".join(sorted(address.lower() for address in mail.to)),
        kind=kind,
        **_object_fields(obj),
        version=_version(version),
        batch=batch,
        next_attempt_at=now or timezone.now(),
        **builders.message_fields(mail),
    )


def record(
    messages: EmailMessage | Iterable[EmailMessage],
    *,
    kind: str,
    obj: models.Model | str,
    version: object = None,
) -> None:
    """Record one message or several (one row per message, in one query) for delivery after
    the surrounding transaction commits. A message whose key is already recorded is skipped."""
    if isinstance(messages, EmailMessage):
        messages = [messages]
    now = timezone.now()
    batch = uuid.uuid4().hex
    rows = [
        row(mail, kind=kind, obj=obj, version=version, now=now, batch=batch) for mail in messages
    ]
    if not rows:
        return
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
    deliver_after_commit(batch)


def record_later(
    builder: str,
    messages: Iterable[tuple[str, dict]],
    *,
    kind: str,
    obj: models.Model | str,
    version: object = None,
) -> None:
    """Record messages the worker renders when it delivers them (meetings/outbox/builders.py):
    for each, the recipient's address and the small JSON arguments the builder named `builder`
    needs. Nothing is rendered here, so the request costs the same for any number of
    recipients; the idempotency key is the same as `record`'s."""
    now = timezone.now()
    batch = uuid.uuid4().hex
    fields = _object_fields(obj)
    rows = [
        OutboxMessage(
            recipient=address.lower(),
            kind=kind,
            **fields,
            version=_version(version),
            batch=batch,
            to=[address],
            builder=builder,
            arguments=arguments,
            next_attempt_at=now,
        )
        for address, arguments in messages
    ]
    if not rows:
        return
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
    deliver_after_commit(batch)


def record_fanout(
    builder: str,
    arguments: dict,
    *,
    audience: str,
    kind: str,
    obj: models.Model | str,
    version: object = None,
) -> None:
    """Record one change that tells everyone the audience named `audience` lists (a builders.py
    registration): one row, whatever their number. The worker reads the audience when it
    expands the row, seconds later, into one message per person (rendered by `builder` from
    `arguments` and the person's own), keyed as `record_later` would key them, and sends them.
    The same kind, object and version is recorded once."""
    batch = uuid.uuid4().hex
    OutboxFanout.objects.bulk_create(
        [
            OutboxFanout(
                audience=audience,
                builder=builder,
                arguments=arguments,
                kind=kind,
                **_object_fields(obj),
                version=_version(version),
                batch=batch,
                recorded_at=timezone.now(),
            )
        ],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: tasks.expand_fanouts.enqueue(batch), robust=True)


def pending_fanouts(kind: str, model: type[models.Model]) -> set[str]:
    """The ids of the `model` objects with a fan-out of `kind` not yet expanded: people the
    worker will read from the audience later, not now."""
    return set(
        OutboxFanout.objects.pending()
        .filter(kind=kind, content_type=ContentType.objects.get_for_model(model))
        .values_list("object_id", flat=True)
    )


def deliver_after_commit(batch: str = "") -> None:
    """Enqueue the delivery task for the batch (all that is due: "") when the transaction
    commits. `robust`: the change is saved whatever happens here; the worker's periodic sweep
    sends the rows even if this fails."""
    transaction.on_commit(lambda: tasks.deliver_outbox.enqueue(batch), robust=True)


def retry(pks: Iterable[int], network: Network | None = None) -> int:
    """Put failed messages back in the queue (a coordinator's "Skicka igen"): the attempts
    start over, and the worker sends them after the commit. Returns how many."""
    rows = OutboxMessage.objects.failed().filter(pk__in=list(pks))
    if network is not None:
        rows = rows.for_network(network)
    with transaction.atomic():
        count = rows.update(
            status=OutboxMessage.Status.QUEUED,
            attempts=0,
            next_attempt_at=timezone.now(),
            claimed_at=None,
        )
        if count:
            deliver_after_commit()
    return count
