"""Dates and times, written one way per language, everywhere (pages and e-mails).

Swedish as Språkrådet recommends: "tisdag 22 december 2026 kl. 09.00–11.00"; English:
"Tuesday 22 December 2026, 09:00–11:00". The functions are for Python (messages, e-mail
contexts); the same are built-in template filters (settings.TEMPLATES), e.g.
`{{ meeting.starts_at|when:meeting.ends_at }}`, `{{ action.due_on|long_date }}`.
Machine-readable dates (`<time datetime>`, CSV, ISO in file names) keep their own formats.
"""

import datetime
import functools

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language

register = template.Library()

# Per interface language: the date, the time, and what joins a date to its time.
STYLES = {
    "sv": {"time": "H.i", "at": " \\k\\l. "},
    "en": {"time": "H:i", "at": ", "},
}
RANGE = "–"  # en dash, no spaces, between two times or two dates


def _style() -> dict[str, str]:
    return STYLES.get((get_language() or "sv").split("-")[0], STYLES["sv"])


def _parsed(value):
    """A date or datetime; ISO text (as in stored snapshots of minutes and agendas) is read."""
    if isinstance(value, str):
        parse = datetime.datetime.fromisoformat if "T" in value else datetime.date.fromisoformat
        try:
            return parse(value)
        except ValueError:
            return None
    return value


def _local(value):
    value = _parsed(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format(value, pattern: str) -> str:
    local = _local(value)
    if local in (None, ""):
        return "" if value in (None, "") else str(value)
    if not isinstance(local, datetime.date):
        return dateformat.format(local, pattern)
    is_datetime = isinstance(local, datetime.datetime)
    return _formatted(local.isoformat(), is_datetime, pattern, get_language())


@functools.lru_cache(maxsize=4096)
def _formatted(iso: str, is_datetime: bool, pattern: str, language: str | None) -> str:
    """`dateformat.format` remembered: it costs tens of µs a call, and a list page writes the
    same few dates many times. Keyed on the text of the (local) value, which carries its UTC
    offset, and on the interface language, which names the months and days. The patterns of
    this module name no time zone, so the offset is all of the zone they need. Bounded: the
    oldest formats are forgotten first."""
    parse = datetime.datetime.fromisoformat if is_datetime else datetime.date.fromisoformat
    return dateformat.format(parse(iso), pattern)


@register.filter
def long_date(value) -> str:
    """22 december 2026 / 22 December 2026."""
    return _format(value, "j F Y")


@register.filter
def weekday_date(value) -> str:
    """tisdag 22 december 2026 / Tuesday 22 December 2026."""
    return _format(value, "l j F Y")


@register.filter
def clock(value) -> str:
    """09.00 / 09:00."""
    return _format(value, _style()["time"])


@register.filter
def moment(value) -> str:
    """A point in time: 22 december 2026 kl. 09.00 / 22 December 2026, 09:00."""
    style = _style()
    return _format(value, "j F Y" + style["at"] + style["time"])


@register.filter
def when(start, end=None) -> str:
    """A meeting's time: tisdag 22 december 2026 kl. 09.00–11.00 / Tuesday 22 December 2026,
    09:00–11:00. An end on another day is written out in full."""
    if start in (None, ""):
        return ""
    style = _style()
    text = _format(start, "l j F Y" + style["at"] + style["time"])
    if end in (None, ""):
        return text
    if _local(end).date() == _local(start).date():
        return text + RANGE + clock(end)
    return text + " " + RANGE + " " + _format(end, "l j F Y" + style["at"] + style["time"])
