"""Planning a term: propose dates, warn about what looks wrong, create the meetings at once.

Warnings never refuse: a coordinator may well want five meetings or a meeting on a holiday eve.
"""

import dataclasses
import datetime
import functools
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.models import Meeting
from meetings.terms import Term
from networks.models import Network

DEFAULT_WEEKDAY = 1  # Tuesday
DEFAULT_START = datetime.time(9, 0)


@dataclasses.dataclass
class Slot:
    """One meeting to be created: a time and where."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str = ""
    format: str = Meeting.Format.ON_SITE
    online_url: str = ""


def selectable_terms(today: datetime.date) -> list[Term]:
    """The terms one may plan: the current one (or the coming one in July) and the next two."""
    current = Term.of(today)
    if current.last_day < today:  # pragma: no cover - Term.of never returns a past term
        current = current.next()
    return [current, current.next(), current.next().next()]


def parse_term(value: str) -> Term | None:
    """'HT-2027' → Term(2027, 'HT'); None when malformed."""
    season, _sep, year = value.upper().partition("-")
    if season not in {"VT", "HT"} or not year.isdigit() or len(year) != 4:
        return None
    return Term(int(year), season)


def term_value(term: Term) -> str:
    return f"{term.season}-{term.year}"


@functools.cache
def _swedish_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("SE", years=year, language="sv"))


def holiday_name(day: datetime.date) -> str | None:
    """The Swedish public holiday on that day, by its Swedish name (Sundays are not counted)."""
    return _swedish_holidays(day.year).get(day)


def _near(day: datetime.date, taken: frozenset[datetime.date]) -> bool:
    """Within two weeks of a meeting the network already has."""
    return any(abs((day - other).days) < 14 for other in taken)


def propose_dates(
    term: Term,
    count: int,
    *,
    weekday: int = DEFAULT_WEEKDAY,
    today: datetime.date,
    taken: frozenset[datetime.date] = frozenset(),
) -> list[datetime.date]:
    """`count` dates on the same weekday, spread evenly over what is left of the term.

    The first three and the last two weeks stay free (term start and holidays). Public holidays
    and the two weeks around meetings the network already has are stepped over by a week, where
    the term allows.
    """
    start = max(term.first_day + datetime.timedelta(days=21), today + datetime.timedelta(days=7))
    end = term.last_day - datetime.timedelta(days=14)
    if end < start:
        end = term.last_day
    span = max((end - start).days, 0)
    dates: list[datetime.date] = []
    for index in range(count):
        day = start + datetime.timedelta(days=round(span * index / max(count - 1, 1)))
        # The nearest such weekday, so the last date does not slip into the last weeks.
        offset = (weekday - day.weekday()) % 7
        day += datetime.timedelta(days=offset if offset <= 3 else offset - 7)
        if day < start:
            day += datetime.timedelta(days=7)
        while (holiday_name(day) or _near(day, taken) or day in dates) and (
            day + datetime.timedelta(days=7) <= term.last_day
        ):
            day += datetime.timedelta(days=7)
        if day > term.last_day:
            day -= datetime.timedelta(days=7)
        if day not in dates:
            dates.append(day)
    return dates


def propose_slots(network: Network, term: Term, count: int, today: datetime.date) -> list[Slot]:
    zone = ZoneInfo(settings.TIME_ZONE)
    length = datetime.timedelta(minutes=network.default_meeting_minutes)
    slots = []
    for day in propose_dates(term, count, today=today):
        starts_at = datetime.datetime.combine(day, DEFAULT_START, zone)
        slots.append(Slot(starts_at=starts_at, ends_at=starts_at + length))
    return slots


def taken_days(network: Network, term: Term) -> frozenset[datetime.date]:
    """The days in the term on which the network already has a (not cancelled) meeting."""
    meetings = Meeting.objects.filter(network=network).not_cancelled().in_term(term)
    return frozenset(timezone.localdate(m.starts_at) for m in meetings.only("starts_at"))


def plan_warnings(network: Network, term: Term, slots: Sequence[Slot]) -> list[str]:
    """Everything about the planned meetings a coordinator should look at twice."""
    warnings: list[str] = []
    existing = list(Meeting.objects.filter(network=network).not_cancelled().in_term(term))
    total = len(existing) + len(slots)
    if total < network.target_meetings_min:
        warnings.append(
            ngettext(
                "%(term)s får bara %(count)d möte; målet är %(min)d–%(max)d per termin.",
                "%(term)s får bara %(count)d möten; målet är %(min)d–%(max)d per termin.",
                total,
            )
            % {
                "term": term,
                "count": total,
                "min": network.target_meetings_min,
                "max": network.target_meetings_max,
            }
        )
    elif total > network.target_meetings_max:
        warnings.append(
            _("%(term)s får %(count)d möten; målet är %(min)d–%(max)d per termin.")
            % {
                "term": term,
                "count": total,
                "min": network.target_meetings_min,
                "max": network.target_meetings_max,
            }
        )
    for slot in slots:
        day = timezone.localdate(slot.starts_at)
        name = holiday_name(day)
        if name:
            warnings.append(
                _("%(day)s är en helgdag (%(name)s).") % {"day": day.isoformat(), "name": name}
            )
    intervals = [(s.starts_at, s.ends_at) for s in slots] + [
        (m.starts_at, m.ends_at) for m in existing
    ]
    reported: set[datetime.date] = set()
    for index, (start, end) in enumerate(intervals):
        for other_start, other_end in intervals[index + 1 :]:
            day = timezone.localdate(start)
            if start < other_end and other_start < end and day not in reported:
                reported.add(day)
                warnings.append(
                    _("Två möten i %(code)s krockar den %(day)s.")
                    % {"code": network.code, "day": day.isoformat()}
                )
    return warnings


@transaction.atomic
def create_meetings(network: Network, slots: Sequence[Slot]) -> list[Meeting]:
    """All the term's meetings at once, planned (themes follow later)."""
    meetings = [
        Meeting(
            network=network,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            place=slot.place,
            format=slot.format,
            online_url=slot.online_url,
        )
        for slot in slots
    ]
    for meeting in meetings:
        meeting.full_clean(exclude=["uid"])
        meeting.save()
    return meetings
