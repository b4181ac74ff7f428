"""Participation and coverage figures for one network and term.

Everything is computed in Python over a few querysets fetched once, so the number of queries
does not grow with the number of administrations, meetings or answers.

Definitions:
- A meeting is *held* when it is published (not planned, not cancelled) and has ended.
- An administration's people for a meeting are those with an appointment of that
  administration in the network whose start/end dates cover the meeting's date.
- Attendance of an administration at a held meeting: yes if one of its people was ticked as
  present, no if they were ticked and none was present, unknown if nobody was ticked.
- Answered invitations: one invitation per appointed person and held meeting; it is answered
  when that person's Attendance has an answer.
- Coverage: a work area counts once per held meeting that has it as a theme, and once per
  accepted agenda item of a held meeting.
- Questions: those an administration raised in the network with `raised_on` in the term;
  reported back when the question is reported back or closed, or has a report-back date.
  An administration with questions but no seat in the term still gets a row.
"""

import bisect
import dataclasses
import datetime
import functools
import operator
from typing import Any, NamedTuple

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Cast, ExtractDay, ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from config.dates import local_midnight
from config.prepared import Prepared, PreparedNumbers
from meetings.models import AgendaItem, Attendance, Meeting, Question
from meetings.terms import Term
from networks.models import Network, WorkArea
from representatives.models import Appointment

# Width of the bar area in the charts, in SVG user units.
CHART_WIDTH = 300
# The answers chart's bands (share of invitations answered, in per cent, inclusive).
ANSWER_BANDS = [(0, 24), (25, 49), (50, 74), (75, 99), (100, 100)]
_BAND_TOPS = [high for _low, high in ANSWER_BANDS]
# The questions chart shows the administrations that raised the most.
TOP_QUESTIONS = 10


class AdministrationName(NamedTuple):
    """What a row shows of its administration: a model instance per seat costs more than the
    row's figures (a network has hundreds); a named tuple is made in a third of a frozen
    dataclass's time."""

    pk: int
    name: str
    short_name: str


@dataclasses.dataclass
class AdministrationRow:
    administration: AdministrationName
    attended: list[bool | None]  # one per held meeting
    invited: int
    answered: int
    questions_raised: int = 0
    questions_reported_back: int = 0

    # Read for hundreds of rows by the summary, the charts and the table: counted by the list
    # itself (a row's values are True, False or None), not by a generator in Python.

    @property
    def attended_count(self) -> int:
        return self.attended.count(True)

    @property
    def recorded_count(self) -> int:
        """Held meetings where the administration's attendance was ticked: the only ones that
        can count as present or absent ("attended X of Y")."""
        return len(self.attended) - self.attended.count(None)

    @property
    def answered_percent(self) -> int | None:
        if not self.invited:
            return None
        return round(100 * self.answered / self.invited)


@dataclasses.dataclass
class WorkAreaRow:
    name: str
    themes: int
    agenda_items: int


@dataclasses.dataclass
class Bar:
    label: str
    value: int
    width: int
    y: int


@dataclasses.dataclass
class TermReport:
    network: Network
    term: Term
    held: list[Meeting]
    administrations: list[AdministrationRow]
    work_areas: list[WorkAreaRow]

    @property
    def held_count(self) -> int:
        return len(self.held)

    @property
    def on_target(self) -> bool:
        return (
            self.network.target_meetings_min <= self.held_count <= self.network.target_meetings_max
        )

    # Chart geometry: bars scaled to the largest value shown (at least 1).

    def _bars(self, pairs: list[tuple[str, int]], scale: int) -> list[Bar]:
        scale = max(scale, 1)
        return [
            Bar(label, value, round(CHART_WIDTH * value / scale), 8 + 28 * index)
            for index, (label, value) in enumerate(pairs)
        ]

    @property
    def meetings_chart(self) -> dict:
        scale = max(self.held_count, self.network.target_meetings_max)
        return {
            "bars": self._bars([(str(self.term), self.held_count)], scale),
            "height": 44,
            "target_min_x": 200 + round(CHART_WIDTH * self.network.target_meetings_min / scale),
            "target_max_x": 200 + round(CHART_WIDTH * self.network.target_meetings_max / scale),
        }

    # The charts by administration are bounded whatever the number of administrations: how
    # many administrations attended 0, 1, 2 … of the held meetings, how many answered how large
    # a share of their invitations, and the TOP_QUESTIONS that raised the most questions. The
    # tables give every administration's own figures.

    @functools.cached_property
    def _tallies(self) -> dict:
        """The administrations counted in one pass, for the summary and the two charts of
        counts: each row's figures read once, not once per chart (hundreds of rows)."""
        attended_counts = [0] * (self.held_count + 1)
        bands = [0] * len(ANSWER_BANDS)
        attended_any = recorded = not_recorded = no_invitations = 0
        answered = invited = raised = reported_back = 0
        for row in self.administrations:
            present = row.attended
            if len(present) - present.count(None):  # `recorded_count`
                recorded += 1
                count = present.count(True)  # `attended_count`
                attended_counts[count] += 1
                if count:
                    attended_any += 1
            else:
                not_recorded += 1
            answered += row.answered
            invited += row.invited
            if row.invited:  # `answered_percent`: the first band it fits
                percent = round(100 * row.answered / row.invited)
                bands[bisect.bisect_left(_BAND_TOPS, percent)] += 1
            else:
                no_invitations += 1
            raised += row.questions_raised
            reported_back += row.questions_reported_back
        return {
            "summary": {
                "administrations": len(self.administrations),
                "attended_any": attended_any,
                "recorded": recorded,
                "answered": answered,
                "invited": invited,
                "answered_percent": round(100 * answered / invited) if invited else None,
                "questions_raised": raised,
                "questions_reported_back": reported_back,
            },
            "attended_counts": attended_counts,
            "not_recorded": not_recorded,
            "bands": bands,
            "no_invitations": no_invitations,
        }

    @property
    def summary(self) -> dict:
        return dict(self._tallies["summary"])

    @property
    def attendance_chart(self) -> dict:
        tallies = self._tallies
        pairs = [
            (ngettext("%(count)s möte", "%(count)s möten", n) % {"count": n}, value)
            for n, value in enumerate(tallies["attended_counts"])
        ] + [(gettext("Inte registrerad"), tallies["not_recorded"])]
        return self._chart(pairs)

    @property
    def answers_chart(self) -> dict:
        tallies = self._tallies
        pairs = [
            (f"{low}–{high} %" if low != high else f"{high} %", value)
            for (low, high), value in zip(ANSWER_BANDS, tallies["bands"], strict=True)
        ] + [(gettext("Inga inbjudningar"), tallies["no_invitations"])]
        return self._chart(pairs)

    @property
    def questions_chart(self) -> dict:
        raised = sorted(
            (row for row in self.administrations if row.questions_raised),
            key=lambda row: -row.questions_raised,
        )[:TOP_QUESTIONS]
        return self._chart(
            [(row.administration.short_name, row.questions_raised) for row in raised]
        )

    def _chart(self, pairs: list[tuple[str, int]]) -> dict:
        scale = max((value for _, value in pairs), default=1)
        return {"bars": self._bars(pairs, scale), "height": 16 + 28 * len(pairs)}

    @property
    def work_area_chart(self) -> dict:
        pairs = [(row.name, row.themes + row.agenda_items) for row in self.work_areas]
        scale = max((value for _, value in pairs), default=1)
        return {"bars": self._bars(pairs, scale), "height": 16 + 28 * len(pairs)}


def term_report(
    network: Network, term: Term, *, administrations: bool = True, coverage: bool = True
) -> TermReport:
    """The figures for one network and term, in seven queries, each of a fixed shape and
    compiled once (config/prepared.py): the term is given as values, and the held meetings
    are a subquery of the others, not a list of their ids.

    `administrations=False`: the meetings and work areas only (no row per administration), in
    four: what the work-area download needs, without reading every seat and answer.
    `coverage=False`: the meetings and administrations only (no work areas), in four: what
    the attendance download needs."""
    bounds = term_bounds(network, term)
    held = HELD.objects(**bounds)
    rows = _administration_rows(network, term, held, bounds) if administrations else []
    if not coverage:
        return TermReport(network, term, held, rows, [])
    # Counted in the database, by work area: a held meeting's themes (one link row each) and
    # its accepted agenda items.
    theme_counts = dict(THEME_COUNTS.rows(**bounds))
    item_counts = dict(ITEM_COUNTS.rows(**bounds))
    work_areas = [
        WorkAreaRow(name, theme_counts.get(pk, 0), item_counts.get(pk, 0))
        for pk, name, archived_at in WORK_AREAS.rows(network_id=network.pk)
        if archived_at is None or pk in theme_counts or pk in item_counts
    ]
    return TermReport(network, term, held, rows, work_areas)


def term_bounds(network: Network, term: Term) -> dict:
    """The values of the held-meeting lookups: the network, the present moment, and the
    term's local midnights (as `MeetingQuerySet.in_term` compares them)."""
    return {
        "network_id": network.pk,
        "now": timezone.now(),
        "start": local_midnight(term.first_day),
        "end": local_midnight(term.last_day + datetime.timedelta(days=1)),
    }


def held_in(network_id: int, now: datetime.datetime, start: datetime.datetime, end):
    """The network's meetings held by `now` that start in [start, end): a term's held
    meetings (`Meeting.objects.held(now).in_term(term)`, with the term's bounds as values)."""
    return Meeting.objects.held(now).filter(
        network_id=network_id, starts_at__gte=start, starts_at__lt=end
    )


TERM_BOUNDS = {
    "network_id": int,
    "now": datetime.datetime,
    "start": datetime.datetime,
    "end": datetime.datetime,
}
HELD = Prepared(lambda **bounds: held_in(**bounds).order_by("starts_at"), **TERM_BOUNDS)
THEME_COUNTS = PreparedNumbers(
    lambda **bounds: (
        Meeting.work_areas.through.objects.filter(meeting__in=held_in(**bounds).values("pk"))
        .order_by()
        # Grouped by the work area: each row (work area, how many held meetings it themed).
        .values_list("workarea_id")
        .annotate(times=Count("*"))
    ),
    **TERM_BOUNDS,
)
ITEM_COUNTS = PreparedNumbers(
    lambda **bounds: (
        AgendaItem.objects.filter(
            meeting__in=held_in(**bounds).values("pk"),
            status=AgendaItem.Status.ACCEPTED,
            work_area__isnull=False,
        )
        .order_by()
        .values("work_area_id")
        .annotate(times=Count("*"))
        .values_list("work_area_id", "times")
    ),
    **TERM_BOUNDS,
)
WORK_AREAS = Prepared(
    lambda network_id: WorkArea.objects.filter(network_id=network_id).values_list(
        "pk", "name", "archived_at"
    ),
    network_id=int,
)
# The answers of the held meetings: (meeting, person, answered, ticked), the last two as
# numbers (answered 1 or 0; ticked present 1, absent 0, not ticked None): a column of a
# boolean or a date is converted row by row in Python, and a term has hundreds of answers
# (the lookups of numbers here are PreparedNumbers: read as the database gives them).
# A row with neither an answer nor a tick counts for nothing, and is not read.
ANSWERS = PreparedNumbers(
    lambda **bounds: (
        Attendance.objects.filter(meeting__in=held_in(**bounds).values("pk"))
        .exclude(answer="", attended__isnull=True)
        .annotate(
            answered=Case(When(answer="", then=Value(0)), default=Value(1)),
            ticked=Case(When(attended=True, then=Value(1)), When(attended=False, then=Value(0))),
        )
        # Unordered: each row is counted where it belongs, whatever the order.
        .order_by()
        .values_list("meeting_id", "person_id", "answered", "ticked")
    ),
    **TERM_BOUNDS,
)


def _day_number(field: str):
    """The day as the number YYYYMMDD, which orders as the days do (a number needs no
    conversion in Python, a date does)."""
    number = ExtractYear(field) * 10_000 + ExtractMonth(field) * 100 + ExtractDay(field)
    return Cast(number, IntegerField())  # PostgreSQL's EXTRACT is numeric


def day_number(day: datetime.date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


# Plain tuples, not model instances, throughout: a term has a seat per administration and an
# answer per appointed person and held meeting (hundreds to thousands of rows). The seats and
# the questions are lookups of a fixed shape, compiled once (config/prepared.py).
SEATS = PreparedNumbers(
    lambda network_id, first_day, last_day: (
        Appointment.objects.filter(network_id=network_id, start_date__lte=last_day)
        .exclude(end_date__lt=first_day)
        # A seat's first and last day (`_day_number`) only where they fall inside the term,
        # else None: only those can leave out one of its held meetings, and most seats span
        # the whole term.
        .annotate(
            starts=Case(When(start_date__gt=first_day, then=_day_number("start_date"))),
            ends=Case(When(end_date__lt=last_day, then=_day_number("end_date"))),
        )
        # Unordered: the rows are sorted by name (unique) at the end, and a seat's counts do not
        # depend on the order of the administration's seats.
        .order_by()
        .values_list(
            "administration_id",
            "administration__name",
            "administration__short_name",
            "person_id",
            "starts",
            "ends",
        )
    ),
    network_id=int,
    first_day=datetime.date,
    last_day=datetime.date,
)
# The questions raised in the term, counted by administration: raised, and reported back
# (reported back or closed, or with a report-back date).
QUESTIONS = PreparedNumbers(
    lambda network_id, first_day, last_day: (
        Question.objects.filter(
            network_id=network_id, raised_on__gte=first_day, raised_on__lte=last_day
        )
        .order_by()
        .values("administration_id", "administration__name", "administration__short_name")
        .annotate(
            raised=Count("pk"),
            reported_back=Count(
                "pk",
                filter=Q(state__in=[Question.State.REPORTED_BACK, Question.State.CLOSED])
                | Q(reported_back_on__isnull=False),
            ),
        )
        .values_list(
            "administration_id",
            "administration__name",
            "administration__short_name",
            "raised",
            "reported_back",
        )
    ),
    network_id=int,
    first_day=datetime.date,
    last_day=datetime.date,
)


def _administration_rows(
    network: Network, term: Term, held: list[Meeting], bounds: dict
) -> list[AdministrationRow]:
    """A row per administration seated in the term (or raising a question in it).

    Each seat is invited to the held meetings on the days it covers; each answer counts for
    the seats its person held on the meeting's day (answered, and ticked present or absent:
    the administration was there if one of its people was, absent if they were ticked and
    none was). Read seat by seat and answer by answer, not administration by meeting by seat."""
    count = len(held)
    position = {meeting.pk: index for index, meeting in enumerate(held)}
    days = [day_number(timezone.localdate(meeting.starts_at)) for meeting in held]
    everywhere = (True,) * count
    term_values: dict[str, Any] = {
        "network_id": network.pk,
        "first_day": term.first_day,
        "last_day": term.last_day,
    }

    row_of: dict[int, AdministrationRow] = {}
    # person -> their administration's row, for the one seat they hold and it covers the whole
    # term (nearly everyone): no list and tuple per seat, whose hundreds of allocations set off
    # the garbage collector's passes over the whole heap.
    whole_term: dict[int, AdministrationRow] = {}
    # person -> [(their administration's row, which held meetings the seat covers)], for
    # everyone else (a shorter seat, or more than one).
    seats_of: dict[int, list[tuple[AdministrationRow, tuple[bool, ...]]]] = {}
    for pk, name, short_name, person_id, starts, ends in SEATS.rows(**term_values):
        row = row_of.get(pk)
        if row is None:
            row = row_of[pk] = AdministrationRow(
                AdministrationName(pk, name, short_name), [None] * count, 0, 0
            )
        if starts is None and ends is None:  # the whole term
            covers = everywhere
            row.invited += count
            if person_id not in whole_term and person_id not in seats_of:
                whole_term[person_id] = row
                continue
        else:
            covers = tuple(
                (starts is None or starts <= day) and (ends is None or ends >= day) for day in days
            )
            row.invited += sum(covers)
        if person_id in whole_term:  # a second seat: both listed
            seats_of[person_id] = [(whole_term.pop(person_id), everywhere)]
        seats_of.setdefault(person_id, []).append((row, covers))

    for meeting_id, person_id, answered, ticked in ANSWERS.rows(**bounds):
        whole_row = whole_term.get(person_id)
        if whole_row is not None:
            whole_row.answered += answered
            if ticked is not None:
                index = position[meeting_id]
                present = whole_row.attended
                present[index] = bool(present[index] or ticked)
            continue
        held_seats = seats_of.get(person_id)
        if held_seats is None:
            continue
        index = position[meeting_id]
        for row, covers in held_seats:
            if not covers[index]:
                continue
            row.answered += answered
            if ticked is not None:
                present = row.attended
                present[index] = bool(present[index] or ticked)

    for pk, name, short_name, raised, reported_back in QUESTIONS.rows(**term_values):
        row = row_of.get(pk)
        if row is None:
            row = row_of[pk] = AdministrationRow(
                AdministrationName(pk, name, short_name), [None] * count, 0, 0
            )
        row.questions_raised = raised
        row.questions_reported_back = reported_back
    rows = list(row_of.values())
    rows.sort(key=_by_name)
    return rows


_by_name = operator.attrgetter("administration.name")


def parse_term(value: str) -> Term | None:
    """'2026-HT' → Term(2026, 'HT'); anything else → None."""
    year, _, season = value.partition("-")
    if not (year.isdigit() and len(year) == 4 and season in {"VT", "HT"}):
        return None
    return Term(int(year), season)


def term_value(term: Term) -> str:
    return f"{term.year}-{term.season}"


def term_choices(network: Network, today: datetime.date) -> list[Term]:
    """Terms a report can be asked for, newest first: the next term back to the network's
    first meeting, or two years back if that is earlier."""
    return list(terms_between(*term_range(network, today)))


def term_range(network: Network, today: datetime.date) -> tuple[Term, Term]:
    """The first and the last term of `term_choices`."""
    current = Term.of(today)
    term = Term(current.year - 2, current.season)
    first = FIRST_MEETING.rows(network_id=network.pk)
    if first:
        term = min(term, Term.of(timezone.localdate(first[0][0])))
    return term, current.next()


# When the network's first meeting starts (one row at most; compiled once).
FIRST_MEETING = Prepared(
    lambda network_id: (
        Meeting.objects.filter(network_id=network_id)
        .order_by("starts_at")
        .values_list("starts_at")[:1]
    ),
    network_id=int,
)


@functools.lru_cache(maxsize=64)
def terms_between(first: Term, last: Term) -> tuple[Term, ...]:
    """The terms from `last` back to `first`, newest first. Kept: the same for every request
    of a term, and a long history has hundreds (a century of meetings: 210)."""
    terms = []
    term = first
    while term <= last:
        terms.append(term)
        term = term.next()
    return tuple(reversed(terms))
