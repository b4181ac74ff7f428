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

import dataclasses
import datetime

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from config.prepared import Prepared
from meetings.models import AgendaItem, Attendance, Meeting, Question
from meetings.terms import Term
from networks.models import Network
from representatives.models import Appointment

# Width of the bar area in the charts, in SVG user units.
CHART_WIDTH = 300
# The answers chart's bands (share of invitations answered, in per cent, inclusive).
ANSWER_BANDS = [(0, 24), (25, 49), (50, 74), (75, 99), (100, 100)]
# The questions chart shows the administrations that raised the most.
TOP_QUESTIONS = 10


@dataclasses.dataclass(frozen=True, slots=True)
class AdministrationName:
    """What a row shows of its administration: a model instance per seat costs more than the
    row's figures (a network has hundreds)."""

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

    @property
    def attended_count(self) -> int:
        return sum(1 for value in self.attended if value)

    @property
    def recorded_count(self) -> int:
        """Held meetings where the administration's attendance was ticked: the only ones that
        can count as present or absent ("attended X of Y")."""
        return sum(1 for value in self.attended if value is not None)

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

    @property
    def summary(self) -> dict:
        rows = self.administrations
        answered = sum(row.answered for row in rows)
        invited = sum(row.invited for row in rows)
        return {
            "administrations": len(rows),
            "attended_any": sum(1 for row in rows if row.attended_count),
            "recorded": sum(1 for row in rows if row.recorded_count),
            "answered": answered,
            "invited": invited,
            "answered_percent": round(100 * answered / invited) if invited else None,
            "questions_raised": sum(row.questions_raised for row in rows),
            "questions_reported_back": sum(row.questions_reported_back for row in rows),
        }

    @property
    def attendance_chart(self) -> dict:
        counts = [0] * (self.held_count + 1)
        not_recorded = 0
        for row in self.administrations:
            if row.recorded_count:
                counts[row.attended_count] += 1
            else:
                not_recorded += 1
        pairs = [
            (ngettext("%(count)s möte", "%(count)s möten", n) % {"count": n}, value)
            for n, value in enumerate(counts)
        ] + [(gettext("Inte registrerad"), not_recorded)]
        return self._chart(pairs)

    @property
    def answers_chart(self) -> dict:
        counts = [0] * len(ANSWER_BANDS)
        no_invitations = 0
        for row in self.administrations:
            percent = row.answered_percent
            if percent is None:
                no_invitations += 1
                continue
            counts[next(i for i, (low, high) in enumerate(ANSWER_BANDS) if percent <= high)] += 1
        pairs = [
            (f"{low}–{high} %" if low != high else f"{high} %", value)
            for (low, high), value in zip(ANSWER_BANDS, counts, strict=True)
        ] + [(gettext("Inga inbjudningar"), no_invitations)]
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
    """The figures for one network and term, in seven queries.

    `administrations=False`: the meetings and work areas only (no row per administration), in
    four: what the work-area download needs, without reading every seat and answer.
    `coverage=False`: the meetings and administrations only (no work areas), in four: what
    the attendance download needs."""
    held = list(Meeting.objects.held().filter(network=network).in_term(term))
    held_ids = [meeting.pk for meeting in held]
    rows = _administration_rows(network, term, held) if administrations else []
    if not coverage:
        return TermReport(network, term, held, rows, [])
    items = list(
        AgendaItem.objects.filter(
            meeting_id__in=held_ids, status=AgendaItem.Status.ACCEPTED, work_area__isnull=False
        )
        .order_by()  # counted, not listed: no join to the meetings to sort by
        .values_list("work_area_id", flat=True)
    )
    # The held meetings' themes as the link table's work area ids: only counted, so no work
    # area instances (a prefetch built them, and cost more than the meetings' own query).
    themes = Meeting.work_areas.through.objects.filter(meeting_id__in=held_ids).values_list(
        "workarea_id", flat=True
    )
    theme_counts: dict[int, int] = {}
    names: dict[int, str] = {}
    for work_area_id in themes:
        theme_counts[work_area_id] = theme_counts.get(work_area_id, 0) + 1
    item_counts: dict[int, int] = {}
    for work_area_id in items:
        item_counts[work_area_id] = item_counts.get(work_area_id, 0) + 1
    for pk, name, archived_at in network.work_areas.values_list("pk", "name", "archived_at"):
        if archived_at is None or pk in theme_counts or pk in item_counts:
            names[pk] = name
    work_areas = [
        WorkAreaRow(name, theme_counts.get(pk, 0), item_counts.get(pk, 0))
        for pk, name in names.items()
    ]
    return TermReport(network, term, held, rows, work_areas)


# Plain tuples, not model instances, throughout: a term has a seat per administration and an
# answer per appointed person and held meeting (hundreds to thousands of rows). The seats and
# the questions are lookups of a fixed shape, compiled once (config/prepared.py).
SEATS = Prepared(
    lambda network_id, first_day, last_day: (
        Appointment.objects.filter(network_id=network_id, start_date__lte=last_day)
        .exclude(end_date__lt=first_day)
        # Unordered: the rows are sorted by name (unique) at the end, and a seat's counts do not
        # depend on the order of the administration's seats.
        .order_by()
        .values_list(
            "administration_id",
            "administration__name",
            "administration__short_name",
            "person_id",
            "start_date",
            "end_date",
        )
    ),
    network_id=int,
    first_day=datetime.date,
    last_day=datetime.date,
)
QUESTIONS = Prepared(
    lambda network_id, first_day, last_day: Question.objects.filter(
        network_id=network_id, raised_on__gte=first_day, raised_on__lte=last_day
    ).values_list(
        "administration_id",
        "administration__name",
        "administration__short_name",
        "state",
        "reported_back_on",
    ),
    network_id=int,
    first_day=datetime.date,
    last_day=datetime.date,
)


def _administration_rows(
    network: Network, term: Term, held: list[Meeting]
) -> list[AdministrationRow]:
    """A row per administration seated in the term (or raising a question in it)."""
    held_ids = [meeting.pk for meeting in held]
    seats = SEATS.rows(network_id=network.pk, first_day=term.first_day, last_day=term.last_day)
    # (meeting, person) -> (answer, attended)
    answers: dict[tuple[int, int], tuple[str, bool | None]] = {
        (meeting_id, person_id): (answer, attended)
        for meeting_id, person_id, answer, attended in Attendance.objects.filter(
            meeting_id__in=held_ids
        )
        # Unordered: a dictionary of unique pairs needs no join to the meetings to sort by.
        .order_by()
        .values_list("meeting_id", "person_id", "answer", "attended")
    }
    questions = QUESTIONS.rows(
        network_id=network.pk, first_day=term.first_day, last_day=term.last_day
    )

    by_administration: dict[int, list[tuple[int, datetime.date, datetime.date | None]]] = {}
    administrations: dict[int, AdministrationName] = {}
    for pk, name, short_name, person_id, start_date, end_date in seats:
        by_administration.setdefault(pk, []).append((person_id, start_date, end_date))
        if pk not in administrations:
            administrations[pk] = AdministrationName(pk, name, short_name)
    for pk, name, short_name, _state, _reported_back_on in questions:
        if pk not in administrations:
            by_administration[pk] = []
            administrations[pk] = AdministrationName(pk, name, short_name)

    days = [(meeting.pk, timezone.localdate(meeting.starts_at)) for meeting in held]
    rows = []
    for administration_id, held_seats in by_administration.items():
        row = AdministrationRow(administrations[administration_id], [], 0, 0)
        for meeting_id, day in days:
            present: bool | None = None
            for person_id, start_date, end_date in held_seats:
                if start_date > day or (end_date is not None and end_date < day):
                    continue
                row.invited += 1
                attendance = answers.get((meeting_id, person_id))
                if attendance is None:
                    continue
                answer, attended = attendance
                if answer:
                    row.answered += 1
                if attended is not None:
                    present = bool(present) or attended
            row.attended.append(present)
        rows.append(row)
    reported = {Question.State.REPORTED_BACK, Question.State.CLOSED}
    row_of = {row.administration.pk: row for row in rows}
    for administration_id, _name, _short_name, state, reported_back_on in questions:
        row = row_of[administration_id]
        row.questions_raised += 1
        if state in reported or reported_back_on is not None:
            row.questions_reported_back += 1
    rows.sort(key=lambda row: row.administration.name)
    return rows


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
    current = Term.of(today)
    term = Term(current.year - 2, current.season)
    first = Meeting.objects.filter(network=network).order_by("starts_at").first()
    if first is not None:
        term = min(term, Term.of(timezone.localdate(first.starts_at)))
    last = current.next()
    terms = []
    while term <= last:
        terms.append(term)
        term = term.next()
    return list(reversed(terms))
