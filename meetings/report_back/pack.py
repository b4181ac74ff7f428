"""The report-back pack (återrapport): what an administration takes home from a held meeting.

After a meeting its representative presents to the management group (ledningsgruppen): the
outcomes of the administration's questions, the meeting's outcomes from the minutes, the actions
that concern the administration, the material presented, and what is expected of the
administration and by when. `build_pack()` gathers all of it in a fixed number of queries,
`as_text()` writes it for pasting into the management group's agenda, and `mark_presented()`
records that it was presented (`ReportBack`).

The minutes are read only through `outcomes_from_minutes()`: once the minutes have a published
version, the outcomes are the meeting's `MinutesEntry` rows (one per agenda item) with an outcome.
The frozen JSON of `MinutesVersion.content` belongs to the minutes' own module, so the pack does
not depend on its shape; before publication the pack says the minutes are not published yet.

Questions are shown with their state. Marking the pack presented reports back the
administration's questions that got their outcome at the meeting, through the questions'
module's own step (`meetings/questions/steps.py`), so the question's trail shows it.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from config.prepared import Prepared, by_shape, columns, from_row, numbered, numbering
from meetings.markdown import plain_text
from meetings.models import (
    ActionItem,
    ConsultationResponse,
    Document,
    Meeting,
    Minutes,
    MinutesEntry,
    Question,
    ReportBack,
)
from meetings.questions import steps as questions
from representatives.models import Administration, Appointment
from representatives.rules import current_seats

# How many held meetings the coordinators' dashboard summarises.
DASHBOARD_MEETINGS = 4
# "Mina nätverk" lists the packs of meetings held this many days back, at most MY_PACKS of them.
MY_PACKS_DAYS = 180
MY_PACKS = 6


# --- Whose packs a person may open (the permission predicates are in meetings/rules.py) -----


def readable_administrations(user, meeting: Meeting) -> list[Administration]:
    """The administrations whose pack of this meeting the user may open (the meeting page's
    links): those the user sits for in the network, and those the user directs."""
    if not user.is_authenticated:
        return []
    # The seats as read once per request (the meeting page has read them already, for who may
    # propose), so one plain query: those administrations, and the ones the user directs.
    seated = sorted(
        {
            seat.administration_id
            for seat in current_seats(user)
            if seat.network_id == meeting.network_id
        }
    )
    # Compiled once per number of seats (config/prepared.py): on every held meeting's page.
    return by_shape(_readable, user_id=user.pk, **numbering("seated_", seated))


def _readable(limit: None, user_id: int, **seated: int) -> QuerySet:
    return Administration.objects.filter(
        Q(pk__in=numbered(seated, "seated_")) | Q(director_id=user_id)
    ).order_by("name")


# --- The minutes -------------------------------------------------------------------------------


@dataclass
class MinutesOutcomes:
    published_at: datetime.datetime | None = None
    entries: list = field(default_factory=list)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


def outcomes_from_minutes(meeting: Meeting) -> MinutesOutcomes:
    """The outcomes recorded in the meeting's minutes, once they are published.

    Tolerates minutes that do not exist or are not published (no version): then empty and
    `is_published` false. Reads the `MinutesEntry` rows (for items of this meeting) with an
    outcome, in agenda order; each entry gets `item_administration_id` for marking one's own.
    """
    found = _MINUTES.rows(meeting_id=meeting.pk)
    if not found or found[0][1] is None:
        return MinutesOutcomes()
    minutes_id, published_at = found[0]
    entries = _ENTRIES.objects(minutes_id=minutes_id, meeting_id=meeting.pk)
    return MinutesOutcomes(published_at=published_at, entries=entries)


# The pack's lookups are compiled once (config/prepared.py): building them cost Django more
# than answering them (tests/report_back/test_pack.py holds them to their querysets).
_MINUTES = Prepared(
    lambda meeting_id: (
        Minutes.objects.filter(meeting_id=meeting_id)
        .annotate(published_at=Max("versions__published_at"))
        .order_by("pk")
        .values_list("pk", "published_at")[:1]
    ),
    meeting_id=int,
)
_ENTRIES = Prepared(
    lambda minutes_id, meeting_id: (
        MinutesEntry.objects.filter(minutes_id=minutes_id, agenda_item__meeting_id=meeting_id)
        .exclude(outcome="")
        .select_related("agenda_item")
        .order_by(F("agenda_item__position").asc(nulls_last=True), "pk")
    ),
    minutes_id=int,
    meeting_id=int,
)


# --- The pack ----------------------------------------------------------------------------------


@dataclass
class Expectation:
    """Something the administration is expected to do, and by when."""

    due_on: datetime.date
    kind: str
    title: str
    url: str = ""
    overdue: bool = False


@dataclass
class Pack:
    meeting: Meeting
    administration: Administration
    today: datetime.date
    questions: list
    minutes: MinutesOutcomes
    actions: list  # decided at this meeting, concerning the administration
    documents: list  # presented at this meeting
    consultations: list  # open consultations asking the administration (with `response_sent`)
    expected: list[Expectation]
    presented_on: datetime.date | None = None
    marked_by_name: str = ""
    marked_at: datetime.datetime | None = None

    @property
    def is_presented(self) -> bool:
        return self.presented_on is not None


def administration_with_report_back(meeting: Meeting, pk: int) -> Administration | None:
    """The administration, carrying its report-back for the meeting (one query, a left join)."""
    found = _WITH_REPORT_BACK.objects(meeting_id=meeting.pk, pk=pk)
    return found[0] if found else None


_WITH_REPORT_BACK = Prepared(
    lambda meeting_id, pk: (
        Administration.objects.annotate(
            rb=FilteredRelation("report_backs", condition=Q(report_backs__meeting_id=meeting_id))
        )
        .annotate(
            rb_presented_on=F("rb__presented_on"),
            rb_marked_at=F("rb__marked_at"),
            rb_marked_by_name=F("rb__marked_by__full_name"),
        )
        .filter(pk=pk)
        .order_by("pk")[:1]
    ),
    meeting_id=int,
    pk=int,
)
# The administration's questions of the meeting (raised at it, or on one of its agenda items).
_QUESTIONS = Prepared(
    lambda administration_id, network_id, meeting_id: (
        Question.objects.filter(administration_id=administration_id, network_id=network_id)
        .filter(Q(meeting_id=meeting_id) | Q(agenda_item__meeting_id=meeting_id))
        .select_related("agenda_item")
        .order_by("raised_on", "pk")
    ),
    administration_id=int,
    network_id=int,
    meeting_id=int,
)


def _actions_query(
    administration_id: int, network_id: int, meeting_id: int, starts_at: datetime.datetime
):
    """The meeting's actions for the administration, and every earlier one still open, each
    with its meeting."""
    return (
        ActionItem.objects.filter(
            administrations__id=administration_id, meeting__network_id=network_id
        )
        .filter(Q(meeting_id=meeting_id) | Q(status=ActionItem.Status.OPEN))
        .filter(meeting__starts_at__lte=starts_at)
        .order_by("due_on", "pk")
        .values_list(*columns(ActionItem), *columns(Meeting, "meeting"))
    )


_ACTIONS = Prepared(
    _actions_query,
    administration_id=int,
    network_id=int,
    meeting_id=int,
    starts_at=datetime.datetime,
)


def _material_query(meeting_id: int, administration_id: int, network_id: int, today):
    """The meeting's documents and the open consultations asking the administration, each
    with `is_asked` and `response_sent_at` (the administration's answer)."""
    asked = ConsultationResponse.objects.filter(
        document=OuterRef("pk"), administration_id=administration_id
    )
    # Each half of the condition as a list of the documents' own ids: as one condition on the
    # table, SQLite's planner read every document of every network (most documents belong to
    # no meeting, so its statistics say the meeting index finds them all).
    of_meeting = Document.objects.filter(meeting_id=meeting_id).values("pk")
    open_asking = Document.objects.filter(
        Exists(asked), network_id=network_id, kind=Document.Kind.CONSULTATION, deadline__gte=today
    ).values("pk")
    return (
        Document.objects.current()
        .filter(Q(pk__in=of_meeting) | Q(pk__in=open_asking))
        .annotate(is_asked=Exists(asked), response_sent_at=Subquery(asked.values("sent_at")[:1]))
        .order_by("deadline", "title", "pk")
        .values_list(*columns(Document), "is_asked", "response_sent_at")
    )


# Compiled once (config/prepared.py): Django took ten times as long to build and compile the
# query of ids, an existence test and a subquery as SQLite to answer it.
_MATERIAL = Prepared(
    _material_query,
    meeting_id=int,
    administration_id=int,
    network_id=int,
    today=datetime.date,
)


def build_pack(
    meeting: Meeting, administration: Administration, today: datetime.date | None = None
) -> Pack:
    """Everything the pack shows, in six queries whatever the amount of data.

    `administration` should come from `administration_with_report_back()`; otherwise the
    report-back is read with one more query.
    """
    today = today or timezone.localdate()
    network = meeting.network
    questions = _QUESTIONS.objects(
        administration_id=administration.pk, network_id=network.pk, meeting_id=meeting.pk
    )
    minutes = outcomes_from_minutes(meeting)
    # This meeting's actions for the administration, and every earlier one still open.
    actions = []
    action_columns = len(columns(ActionItem))
    for row in _ACTIONS.rows(
        administration_id=administration.pk,
        network_id=network.pk,
        meeting_id=meeting.pk,
        starts_at=meeting.starts_at,
    ):
        action = from_row(ActionItem, row)
        action.meeting = from_row(Meeting, row[action_columns:])
        actions.append(action)
    for action in actions:
        action.is_overdue = action.status == ActionItem.Status.OPEN and action.due_on < today  # type: ignore[attr-defined]
    material = []
    for row in _MATERIAL.rows(
        meeting_id=meeting.pk,
        administration_id=administration.pk,
        network_id=network.pk,
        today=today,
    ):
        document = from_row(Document, row)
        document.is_asked, document.response_sent_at = row[-2], row[-1]  # type: ignore[attr-defined]
        material.append(document)
    documents = sorted(
        (d for d in material if d.meeting_id == meeting.pk), key=lambda d: (d.title, d.pk)
    )
    consultations = [
        d
        for d in material
        if d.is_asked and d.is_consultation and d.deadline >= today  # type: ignore[operator,attr-defined]
    ]
    expected = [
        Expectation(
            due_on=action.due_on,
            kind=_("Åtgärd"),
            title=action.title,
            overdue=action.is_overdue,  # type: ignore[attr-defined]
        )
        for action in actions
        if action.status == ActionItem.Status.OPEN
    ]
    expected += [
        Expectation(
            due_on=document.deadline,  # type: ignore[arg-type]
            kind=_("Remissvar"),
            title=document.title,
            url=document.get_absolute_url(),
        )
        for document in consultations
        if document.response_sent_at is None  # type: ignore[attr-defined]
    ]
    expected.sort(key=lambda e: (e.due_on, e.title))
    pack = Pack(
        meeting=meeting,
        administration=administration,
        today=today,
        questions=questions,
        minutes=minutes,
        actions=[a for a in actions if a.meeting_id == meeting.pk],
        documents=documents,
        consultations=consultations,
        expected=expected,
    )
    if hasattr(administration, "rb_presented_on"):
        pack.presented_on = administration.rb_presented_on
        pack.marked_at = administration.rb_marked_at  # type: ignore[attr-defined]
        pack.marked_by_name = administration.rb_marked_by_name or ""  # type: ignore[attr-defined]
    else:
        report = (
            ReportBack.objects.filter(meeting=meeting, administration=administration)
            .select_related("marked_by")
            .first()
        )
        if report is not None:
            pack.presented_on = report.presented_on
            pack.marked_at = report.marked_at
            pack.marked_by_name = report.marked_by.full_name if report.marked_by else ""
    return pack


def as_text(pack: Pack) -> str:
    """The pack as plain text, for the management group's agenda."""
    meeting = pack.meeting
    local_start = timezone.localtime(meeting.starts_at)
    lines = [
        _("Återrapport från %(network)s till ledningsgruppen, %(administration)s")
        % {"network": meeting.network.name, "administration": pack.administration.name},
        _("Mötet %(date)s: %(theme)s")
        % {"date": f"{local_start:%Y-%m-%d}", "theme": meeting.theme_title or "–"},
        "",
    ]

    def section(title: str, rows: list[str], empty: str) -> None:
        lines.append(title.upper())
        lines.extend(rows or [f"- {empty}"])
        lines.append("")

    section(
        _("Förvaltningens frågor"),
        [
            f"- {q.title} ({q.state_label})"
            + (f"\n  {_('Utfall')}: {plain_text(q.outcome)}" if q.outcome else "")
            for q in pack.questions
        ],
        _("Inga frågor från förvaltningen behandlades på mötet."),
    )
    if pack.minutes.is_published:
        rows = [f"- {e.agenda_item.title}: {plain_text(e.outcome)}" for e in pack.minutes.entries]
        empty = _("Minnesanteckningarna har inga utfall.")
    else:
        rows, empty = [], _("Minnesanteckningarna är inte publicerade ännu.")
    section(_("Utfall och beslut från minnesanteckningarna"), rows, empty)
    section(
        _("Åtgärder från mötet för förvaltningen"),
        [
            f"- {a.title}, {_('klart senast')} {a.due_on:%Y-%m-%d} ({a.get_status_display()})"
            for a in pack.actions
        ],
        _("Inga åtgärder för förvaltningen."),
    )
    section(
        _("Nytt material"),
        [f"- {d.title} ({d.get_kind_display()})" for d in pack.documents]
        + [
            f"- {d.title} ({_('remiss, svar senast')} {d.deadline:%Y-%m-%d}"
            + (f", {_('svar skickat')})" if d.response_sent_at else ")")
            for d in pack.consultations
        ],
        _("Inget nytt material."),
    )
    section(
        _("Vad som förväntas av förvaltningen och när"),
        [
            f"- {e.due_on:%Y-%m-%d} {e.kind}: {e.title}"
            + (f" ({_('försenad')})" if e.overdue else "")
            for e in pack.expected
        ],
        _("Inget är utestående."),
    )
    if pack.is_presented:
        lines.append(
            _("Presenterad för ledningsgruppen %(date)s.")
            % {"date": f"{pack.presented_on:%Y-%m-%d}"}
        )
    return "\n".join(lines).rstrip() + "\n"


# --- Marking it presented ----------------------------------------------------------------------


class ReportBackError(Exception):
    """A date or administration the report-back cannot take; the message is shown."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


def check_presented_on(meeting: Meeting, presented_on: datetime.date, today=None) -> None:
    today = today or timezone.localdate()
    if presented_on > today:
        raise ReportBackError(_("Datumet kan inte ligga i framtiden."))
    if presented_on < timezone.localdate(meeting.starts_at):
        raise ReportBackError(_("Återrapporten kan inte ha presenterats före mötet."))


@transaction.atomic
def mark_presented(
    meeting: Meeting, administration: Administration, user, presented_on: datetime.date
) -> tuple[ReportBack, bool]:
    """Record (or change) the date the pack was presented; True when newly recorded.

    In the same transaction, the administration's questions that got their outcome at this
    meeting (state `outcome`, `meeting` = this meeting) are reported back through the questions'
    own step (`meetings.questions.steps.report_back`, actor = the person marking, the day =
    `presented_on`): the pack is how an outcome goes back to the management group. The questions
    moved are on `report.reported_questions`. A question that cannot take the step (say, raised
    after that day) refuses the whole marking with its message: nothing half-saved.
    """
    if not meeting.is_held:
        raise ReportBackError(_("Mötet är inte hållet ännu."))
    check_presented_on(meeting, presented_on)
    report, created = ReportBack.objects.select_for_update().get_or_create(
        meeting=meeting,
        administration=administration,
        defaults={"presented_on": presented_on, "marked_by": user},
    )
    if not created:
        report.presented_on = presented_on
        report.marked_by = user
        report.save(update_fields=["presented_on", "marked_by", "marked_at"])
    report.reported_questions = []  # type: ignore[attr-defined]
    waiting = Question.objects.filter(
        administration=administration, meeting=meeting, state=Question.State.OUTCOME
    ).order_by("raised_on", "pk")
    note = _("Återrapporten från mötet presenterades för ledningsgruppen.")
    for question in waiting:
        try:
            report.reported_questions.append(  # type: ignore[attr-defined]
                questions.report_back(question, user, presented_on, note=note)
            )
        except questions.QuestionError as error:
            raise ReportBackError(
                _("Frågan ”%(title)s” kunde inte återrapporteras: %(reason)s")
                % {"title": question.title, "reason": error}
            ) from None
    return report, created


# --- The coordinators' view --------------------------------------------------------------------


def expected_administrations(meeting: Meeting):
    """The administrations expected to report back: seated in the network (a current
    representative or substitute), and any that already did."""
    seated = Appointment.objects.current().filter(
        network=meeting.network, administration=OuterRef("pk")
    )
    reported = ReportBack.objects.filter(meeting=meeting, administration=OuterRef("pk"))
    return Administration.objects.filter(Q(Exists(seated)) | Q(Exists(reported)))


def meeting_status(meeting: Meeting) -> list[tuple[int, str, datetime.date | None, str | None]]:
    """Each expected administration by name as plain values (a network seats hundreds):
    (pk, name, the day it presented the pack or None, the name of who marked it or None)."""
    return list(
        expected_administrations(meeting)
        .annotate(rb=FilteredRelation("report_backs", condition=Q(report_backs__meeting=meeting)))
        .order_by("name")
        .values_list("pk", "name", "rb__presented_on", "rb__marked_by__full_name")
    )


def _summary_query(network_id: int, now: datetime.datetime, today: datetime.date):
    seated = (
        Appointment.objects.current(today)
        .filter(network_id=network_id)
        .values("network")
        .annotate(n=Count("administration", distinct=True))
        .values("n")
    )
    # The latest held meetings are picked first (by the network's index on the start), and
    # only they are counted: grouping every held meeting before the limit cost more each term.
    latest = (
        Meeting.objects.held(now)
        .filter(network_id=network_id)
        .order_by("-starts_at")
        .values("pk")[:DASHBOARD_MEETINGS]
    )
    return (
        Meeting.objects.filter(pk__in=latest)
        .annotate(presented=Count("report_backs"), expected=Subquery(seated))
        .order_by("-starts_at")
        .values_list(*columns(Meeting), "presented", "expected")
    )


# Compiled once (config/prepared.py): building the query of counts and subqueries cost Django
# five times as long as answering it.
_SUMMARY = Prepared(_summary_query, network_id=int, now=datetime.datetime, today=datetime.date)


def dashboard_summary(network) -> list[Meeting]:
    """The network's latest held meetings, each with `presented` and `expected` counts."""
    meetings = []
    for row in _SUMMARY.rows(network_id=network.pk, now=timezone.now(), today=timezone.localdate()):
        meeting = from_row(Meeting, row)
        presented, expected = row[-2], row[-1]
        meeting.network = network
        meeting.presented = presented  # type: ignore[attr-defined]
        meeting.expected = max(expected or 0, presented)  # type: ignore[attr-defined]
        meetings.append(meeting)
    return meetings


def my_packs(appointments) -> list[Meeting]:
    """For "Mina nätverk": the recently held meetings of the person's current appointments,
    newest first, each with `pack_administration` and `presented_on` (None if not yet).

    One query, compiled once per number of networks and administrations (config/prepared.py);
    the appointments come with their network and administration loaded, and lend them."""
    seat = {a.network_id: a for a in appointments}
    if not seat:
        return []
    now = timezone.now()
    meetings = by_shape(
        _recent_packs,
        MY_PACKS,
        now=now,
        since=now - datetime.timedelta(days=MY_PACKS_DAYS),
        **numbering("network_", list(seat)),
        **numbering("administration_", [a.administration_id for a in seat.values()]),
    )
    for meeting in meetings:
        appointment = seat[meeting.network_id]
        meeting.network = appointment.network
        meeting.pack_administration = appointment.administration
    return meetings


def _recent_packs(now: datetime.datetime, since: datetime.datetime, limit: int, **ids) -> QuerySet:
    presented = ReportBack.objects.filter(
        meeting=OuterRef("pk"), administration_id__in=numbered(ids, "administration_")
    )
    return (
        Meeting.objects.held(now)
        .filter(network_id__in=numbered(ids, "network_"), ends_at__gte=since)
        .annotate(presented_on=Subquery(presented.values("presented_on")[:1]))
        .order_by("-starts_at")[:limit]
    )
