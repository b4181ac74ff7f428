"""An "Outlook mirror": a person's calendar built only from the iTIP parts they were e-mailed.

METHOD:REQUEST adds the event, or updates the entry with its UID when its SEQUENCE is not lower;
METHOD:CANCEL removes it (again, unless its SEQUENCE is lower). That is what Outlook does with
invitations, and nothing else reaches the mirror: not the text, not a feed, not a download.
"""

import dataclasses

import icalendar


@dataclasses.dataclass(frozen=True)
class Entry:
    uid: str
    sequence: int
    starts_at: object
    ends_at: object
    summary: str
    location: str
    description: str


def calendar_parts(message) -> list[tuple[str, str]]:
    """(method, body) of each text/calendar alternative of an e-mail."""
    parts = []
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype.startswith("text/calendar"):
            method = mimetype.split("method=", 1)[1] if "method=" in mimetype else ""
            parts.append((method, content))
    return parts


def _entry(event) -> Entry:
    return Entry(
        uid=str(event["UID"]),
        sequence=int(event.get("SEQUENCE", 0)),
        starts_at=event.decoded("DTSTART"),
        ends_at=event.decoded("DTEND"),
        summary=str(event["SUMMARY"]),
        location=str(event.get("LOCATION", "")),
        description=str(event.get("DESCRIPTION", "")),
    )


def apply(mirror: dict[str, Entry], message) -> None:
    """Apply one e-mail's calendar parts to the mirror of its recipient."""
    for method, body in calendar_parts(message):
        calendar = icalendar.Calendar.from_ical(body)
        assert str(calendar["METHOD"]) == method, "the part's METHOD and its MIME type agree"
        for event in calendar.walk("VEVENT"):
            entry = _entry(event)
            held = mirror.get(entry.uid)
            if held is not None and entry.sequence < held.sequence:
                continue  # an older message: Outlook keeps what it has
            if method == "REQUEST":
                mirror[entry.uid] = entry
            elif method == "CANCEL":
                mirror.pop(entry.uid, None)
            else:
                raise AssertionError(f"unexpected iTIP method {method!r}")


def mirrors(messages) -> dict[str, dict[str, Entry]]:
    """Every recipient's mirror, by lower-cased address, from the messages in order."""
    result: dict[str, dict[str, Entry]] = {}
    for message in messages:
        for address in message.to:
            apply(result.setdefault(address.lower(), {}), message)
    return result
