"""Messages rendered by the worker: named builders and the fields of a rendered message.

A feature that tells many people of one change records, in the request, only what each message
needs (`outbox.record_later`: the recipient and small JSON arguments naming a builder), so the
request costs the same for 4 recipients or 400. The worker renders each message just before it
sends it, with the builder registered under that name:

    @builders.builder("calendar.notice")
    def notice(arguments: dict, cache: dict) -> EmailMessage: ...

A builder renders from the current database state. A builder that raises is a failed attempt,
retried and finally shown to the coordinators like a failed SMTP send (meetings/outbox/delivery.py).

`cache` belongs to one delivery pass (`delivery.deliver_due`): a builder may keep there what it
read, under a key of its own (`("calendar.meeting", pk)`), so the fifty notices of one meeting
in a pass read the meeting once. Each pass starts with an empty cache, so what changed since
the last pass is read again. What a builder takes from the cache it must not change.

A change that tells a whole audience records even less: one fan-out (`outbox.record_fanout`),
naming an audience registered here by the feature that knows who is told:

    @builders.audience("calendar.audience")
    def meeting_audience(arguments: dict) -> Iterable[tuple[str, dict]]: ...

The worker calls it when it expands the fan-out (meetings/outbox/fanout.py): for each person, the
address and what their message's arguments add to the fan-out's (name, calendar method).
"""

from collections.abc import Callable, Iterable
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage

from config.mail import single_line

Builder = Callable[[dict, dict], EmailMessage]

_BUILDERS: dict[str, Builder] = {}

Audience = Callable[[dict], Iterable[tuple[str, dict]]]

_AUDIENCES: dict[str, Audience] = {}


def builder(name: str) -> Callable[[Builder], Builder]:
    """Register the function that renders the messages recorded under `name`."""

    def register(function: Builder) -> Builder:
        if _BUILDERS.get(name, function) is not function:
            raise ValueError(f"Two outbox builders are named {name!r}")
        _BUILDERS[name] = function
        return function

    return register


def build(name: str, arguments: dict, cache: dict | None = None) -> EmailMessage:
    """The message, rendered with the builder named `name`; `cache` is the delivery pass's
    (none: nothing shared with other messages)."""
    try:
        function = _BUILDERS[name]
    except KeyError:
        raise LookupError(f"No outbox builder is named {name!r}") from None
    return function(arguments, {} if cache is None else cache)


def audience(name: str) -> Callable[[Audience], Audience]:
    """Register the function that lists who a fan-out recorded for `name` tells."""

    def register(function: Audience) -> Audience:
        if _AUDIENCES.get(name, function) is not function:
            raise ValueError(f"Two outbox audiences are named {name!r}")
        _AUDIENCES[name] = function
        return function

    return register


def recipients(name: str, arguments: dict) -> list[tuple[str, dict]]:
    """(address, the person's own arguments) for everyone the audience `name` tells now."""
    try:
        function = _AUDIENCES[name]
    except KeyError:
        raise LookupError(f"No outbox audience is named {name!r}") from None
    return list(function(arguments))


def _attachments(mail: EmailMessage) -> list[list[str]]:
    parts = []
    for attachment in mail.attachments:
        if isinstance(attachment, MIMEBase):
            raise ValueError("The outbox stores attachments as (filename, content, mimetype)")
        filename, content, mimetype = attachment
        if isinstance(content, bytes):
            content = content.decode("utf-8")
        parts.append([filename or "", content, mimetype or "application/octet-stream"])
    return parts


def message_fields(mail: EmailMessage) -> dict:
    """The outbox row's fields that hold the rendered message."""
    return {
        "subject": single_line(mail.subject),
        "body": str(mail.body),
        "from_email": mail.from_email or "",
        "to": list(mail.to),
        "cc": list(mail.cc),
        "bcc": list(mail.bcc),
        "reply_to": list(mail.reply_to),
        "headers": dict(mail.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(mail, "alternatives", [])
        ],
        "attachments": _attachments(mail),
    }
