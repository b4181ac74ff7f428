"""Reading an iTIP REPLY (RFC 5546) out of an e-mail, as Outlook sends it.

Outlook answers a meeting request with a multipart/alternative message: a text/plain part and a
text/calendar part with `method=REPLY`, whose VEVENT has the request's UID and SEQUENCE and one
ATTENDEE carrying the answer in PARTSTAT (ACCEPTED, DECLINED, TENTATIVE), plus COMMENT when the
person wrote a note. Other clients attach the same calendar as a file (`invite.ics`,
application/ics). This module only reads: it knows nothing of meetings or people.
"""

import datetime
import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage, Message

from icalendar import Calendar

CALENDAR_TYPES = {"text/calendar", "application/ics", "text/x-vcalendar"}
PARTSTATS = {"ACCEPTED", "DECLINED", "TENTATIVE"}
COMMENT_MAX = 1000


class MalformedReply(Exception):
    """A calendar REPLY part that cannot be read; the message says what was wrong."""


@dataclass(frozen=True)
class Reply:
    """One attendee's answer to one event."""

    uid: str
    sequence: int
    attendee: str  # the address, lower case, without "mailto:"
    partstat: str  # ACCEPTED, DECLINED or TENTATIVE
    comment: str
    stamp: datetime.datetime | None = None  # DTSTAMP: when the person answered


def parse_message(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def _calendar_parts(message: Message) -> list[Message]:
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = (part.get_filename() or "").lower()
        if part.get_content_type() in CALENDAR_TYPES or filename.endswith(".ics"):
            parts.append(part)
    return parts


def _text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise MalformedReply("calendar part without content")
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        raise MalformedReply(f"calendar part not in its charset {charset!r}") from None


def _is_reply(part: Message, text: str) -> bool:
    """The part's `method` parameter, or the calendar's own METHOD line, says REPLY."""
    if (part.get_param("method") or "").upper() == "REPLY":  # type: ignore[union-attr]
        return True
    return any(line.strip().upper() == "METHOD:REPLY" for line in text.splitlines()[:40])


def replies_in(message: Message) -> list[Reply] | None:
    """The answers a message carries, or None when it carries no calendar REPLY at all (then it
    is not ours to handle). Raises MalformedReply for a REPLY part that cannot be read."""
    found: list[Reply] | None = None
    for part in _calendar_parts(message):
        text = _text(part)
        if not _is_reply(part, text):
            continue
        found = (found or []) + _replies_in_calendar(text)
    return found


def _replies_in_calendar(text: str) -> list[Reply]:
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise MalformedReply(f"calendar not readable: {exc}") from None
    # The library keeps going past a line it cannot read and notes it on the component.
    broken = [error for component in calendar.walk() for _, error in component.errors]
    if broken:
        raise MalformedReply(f"calendar not readable: {broken[0]}")
    if str(calendar.get("METHOD", "")).upper() != "REPLY":
        raise MalformedReply("calendar part marked as a reply without METHOD:REPLY")
    events = calendar.walk("VEVENT")
    if not events:
        raise MalformedReply("reply without an event")
    replies = []
    for event in events:
        uid = str(event.get("UID", "")).strip()
        if not uid:
            raise MalformedReply("event without UID")
        try:
            sequence = int(str(event.get("SEQUENCE", 0)))
        except ValueError:
            raise MalformedReply("SEQUENCE is not a number") from None
        attendees = event.get("ATTENDEE")
        if attendees is None:
            raise MalformedReply("event without ATTENDEE")
        if not isinstance(attendees, list):
            attendees = [attendees]
        comment = _comment(event.get("COMMENT"))
        stamp = _stamp(event.get("DTSTAMP"))
        for attendee in attendees:
            address = str(attendee).strip()
            if address.lower().startswith("mailto:"):
                address = address[len("mailto:") :]
            partstat = str(attendee.params.get("PARTSTAT", "")).upper()
            if not address or "@" not in address:
                raise MalformedReply("ATTENDEE without an e-mail address")
            if partstat not in PARTSTATS:
                raise MalformedReply(f"PARTSTAT {partstat or '(none)'} is not an answer")
            replies.append(Reply(uid, sequence, address.lower(), partstat, comment, stamp))
    return replies


def _comment(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return str(value).strip()[:COMMENT_MAX]


def _stamp(value) -> datetime.datetime | None:
    """DTSTAMP as an aware time (UTC, as RFC 5545 requires), or None when absent or odd."""
    moment = getattr(value, "dt", None)
    if not isinstance(moment, datetime.datetime):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)
