"""Reading calendars back in the tests: with icalendar, which wrote them, and with vobject."""

import datetime
import io

import icalendar
import vobject
from dateutil import tz

BOM = b"\xef\xbb\xbf"
UTC = datetime.UTC


def assert_wire_format(body: bytes) -> None:
    """CRLF only, every physical line at most 75 octets and whole UTF-8, no BOM."""
    assert not body.startswith(BOM)
    assert body.endswith(b"\r\n")
    assert body.count(b"\n") == body.count(b"\r\n"), "a bare LF"
    assert b"\r" not in body.replace(b"\r\n", b""), "a bare CR"
    for line in body.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character


def parse(body: bytes):
    """Both parsers' view of the body; fails on anything either of them rejects."""
    assert_wire_format(body)
    calendar = icalendar.Calendar.from_ical(body)
    other = vobject.readOne(body.decode("utf-8"), validate=True)
    return calendar, other


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def stockholm_from_vtimezone(calendar: icalendar.Calendar) -> datetime.tzinfo:
    """The zone the file describes, expanded by dateutil from its own VTIMEZONE text."""
    (zone,) = calendar.walk("VTIMEZONE")
    return tz.tzical(io.StringIO(zone.to_ical().decode("utf-8"))).get("Europe/Stockholm")


def raw_property_lines(body: bytes, name: str) -> list[str]:
    """Unfolded content lines starting with NAME (; or :)."""
    unfolded = body.replace(b"\r\n ", b"").decode("utf-8")
    return [
        line
        for line in unfolded.split("\r\n")
        if line.startswith(f"{name}:") or line.startswith(f"{name};")
    ]
