"""What people have to do ("Att göra"), collected from every feature in one place.

A representative or substitute gets the to-dos of their current seats: meetings to answer,
agenda proposals whose deadline is coming, consultations their administration must answer,
actions their administration owns, report-back packs to present, evaluations to fill in and
indicator values their administration enters. A director gets the same for the seats of
the administrations they lead (without the personal ones: answers of their own, evaluations).
Coordinators get what arrived in their networks and what is late; staff without any role the
published minutes (`recent_minutes`).

Each list is a fixed number of queries whatever the amount of data (tests/todo/test_queries.py),
sorted by due date (items without one last), with overdue items marked. Everything here reads
models only, so the start page, "Mina nätverk" and the calendar feed can all ask it.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    Field,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    UUIDField,
    Value,
    Window,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.prepared import by_shape, numbered, numbering, rows_by_shape
from config.reversing import key_url, pk_url, pk_urls
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    ConsultationResponse,
    Document,
    Evaluation,
    Indicator,
    IndicatorValue,
    Meeting,
    MinutesVersion,
    Question,
    ReportBack,
    ThemeSuggestion,
)
from meetings.models.governance import state_label
from networks.rules import coordinated_network_ids
from representatives.models import Administration, Appointment
from representatives.rules import current_seats

# How far back the lists look: consultations and packs older than this are left to their pages.
CONSULTATIONS_OVERDUE_DAYS = 90
PACKS_DAYS = 180
EVALUATIONS_DAYS = 120
# A year's indicator value is due by this day of the following year (see architecture.md).
INDICATOR_DUE_MONTH, INDICATOR_DUE_DAY = 3, 31
# "Snart": due within this many days.
SOON_DAYS = 7
# The coordinators' lists: the late answers look this far ahead, the rest show at most this many.
ANSWERS_AHEAD_DAYS = 14
RECENT_RESPONSES_DAYS = 14
COORDINATOR_ROWS = 10
RECENT_MINUTES = 5


class Kind:
    ANSWER = "answer"
    PROPOSALS = "proposals"
    CONSULTATION = "consultation"
    ACTION = "action"
    PACK = "pack"
    EVALUATION = "evaluation"
    INDICATOR = "indicator"


KIND_LABELS = {
    Kind.ANSWER: _("Kallelse"),
    Kind.PROPOSALS: _("Förslag till dagordning"),
    Kind.CONSULTATION: _("Remiss"),
    Kind.ACTION: _("Åtgärd"),
    Kind.PACK: _("Återrapport"),
    Kind.EVALUATION: _("Utvärdering"),
    Kind.INDICATOR: _("Indikatorvärde"),
}


class Status:
    """A to-do's state as a tag: the text says it, the colour only repeats it."""

    OVERDUE = "overdue"
    SOON = "soon"
    OPEN = "open"


STATUS_LABELS = {
    Status.OVERDUE: _("Försenad"),
    Status.SOON: _("Snart"),
    Status.OPEN: _("Öppen"),
}


@dataclass(frozen=True)
class Item:
    kind: str
    # A stable identity: the calendar entry's UID (before the domain) and the list's key.
    uid: str
    title: str  # people-written (a theme, a document's title): shown with `|sv`
    due: datetime.date | None
    url: str
    action: str | Promise  # the link's text: what the click does (lazy: read when shown)
    network_code: str
    administration: str = ""
    # When the record behind the item last changed: the calendar entry's DTSTAMP.
    changed: datetime.datetime | None = None
    # For a to-do without a deadline: the day of the meeting it comes from.
    held_on: datetime.date | None = None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def names_its_kind(self) -> bool:
        """Whether the title already says what it is ("Remiss: ny avfallsplan")."""
        return self.title.lower().startswith(self.kind_label.lower())

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def status_on(self, today: datetime.date) -> str:
        """The status as of `today` (a list of many reads the day once)."""
        if self.due is not None and self.due < today:
            return Status.OVERDUE
        if self.due is not None and (self.due - today).days <= SOON_DAYS:
            return Status.SOON
        return Status.OPEN

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def overdue(self) -> bool:
        return self.status == Status.OVERDUE


@dataclass(frozen=True)
class Seat:
    """A current seat: an administration in a network, and who holds it."""

    network_id: int
    network_code: str
    administration_id: int
    administration_name: str


class Todos(list[Item]):
    """The first to-dos (all of them when no limit was asked), most urgent first, and
    `total`: how many there are in all."""

    def __init__(self, items: Iterable[Item] = (), total: int | None = None) -> None:
        super().__init__(items)
        self.total = len(self) if total is None else total


def _sorted(items: Iterable[Item]) -> list[Item]:
    unique = {item.uid: item for item in items}
    far = datetime.date.max
    return sorted(unique.values(), key=lambda i: (i.due or far, i.kind, i.title, i.uid))


def _first(parts: list[tuple[list[Item], int]], limit: int | None) -> Todos:
    """The parts' items merged and sorted, cut to `limit`; the total counts them all. A part
    that grows with the years arrives already cut to its first `limit` (its count says how
    many it has), which is all the merge needs: none of its later items can be among the
    first `limit` of all."""
    items = _sorted(item for found, _count in parts for item in found)
    total = sum(count for _found, count in parts)
    return Todos(items if limit is None else items[:limit], total)


def _whole(items: list[Item]) -> tuple[list[Item], int]:
    """A part bounded by time (coming meetings, recent packs): read whole."""
    return items, len(items)


def _cut(rows: QuerySet, limit: int | None, *columns: str) -> QuerySet:
    """The first `limit` rows of an ordered queryset, each its `columns` and last how many
    there are in all (a window count computed before the limit): one query (`_counted`)."""
    rows = rows.annotate(todo_total=Window(Count("pk"))).values_list(*columns, "todo_total")
    return rows if limit is None else rows[:limit]


def _counted(found: list[tuple]) -> tuple[list[tuple], int]:
    return found, (found[0][-1] if found else 0)


# The to-do queries are asked on every start page; building and compiling them cost Django
# several times what the database takes to answer. Each is compiled once per shape
# (config/prepared.py, `rows_by_shape`): its SQL depends only on how many seats, networks and
# administrations the person's seats make and on the limit; the ids, the person and the moment
# are its values (named as `_seat_values` names them). Each reads only the columns its to-dos
# show, as rows: no model instances (a list of twenty indicators with their goals, areas,
# networks and administrations was a hundred of them).


def _seat_values(seats: list["Seat"]) -> dict[str, int]:
    """The seats as a query's values: each (network, administration) pair, and the distinct
    networks and administrations, numbered."""
    values: dict[str, int] = {}
    for n, (network_id, administration_id) in enumerate(
        dict.fromkeys((seat.network_id, seat.administration_id) for seat in seats)
    ):
        values |= {f"pair_network_{n}": network_id, f"pair_administration_{n}": administration_id}
    for n, pk in enumerate(sorted({seat.network_id for seat in seats})):
        values[f"network_{n}"] = pk
    for n, pk in enumerate(sorted({seat.administration_id for seat in seats})):
        values[f"administration_{n}"] = pk
    return values


def _only(values: dict[str, int], *prefixes: str) -> dict[str, int]:
    """The values a query takes (each value must reach its SQL)."""
    return {name: pk for name, pk in values.items() if name.startswith(prefixes)}


def _pairs_of(values: dict[str, Any], network: str, administration: str) -> Q:
    """A filter matching any of the values' (network, administration) pairs."""
    condition = Q(pk__in=[])
    networks = numbered(values, "pair_network_")
    for network_id, administration_id in zip(
        networks, numbered(values, "pair_administration_"), strict=True
    ):
        condition |= Q(**{network: network_id, administration: administration_id})
    return condition


def _seats(appointments: Iterable[Appointment]) -> list[Seat]:
    return list(
        dict.fromkeys(
            Seat(a.network_id, a.network.code, a.administration_id, a.administration.name)
            for a in appointments
        )
    )


def _seat_names(seats: list[Seat]) -> tuple[dict[int, str], dict[int, str]]:
    """The seats' networks' codes and administrations' names by id: a row matching one of the
    seats' (network, administration) pairs is named from them."""
    codes = {seat.network_id: seat.network_code for seat in seats}
    names = {seat.administration_id: seat.administration_name for seat in seats}
    return codes, names


def _local_date(moment: datetime.datetime, zone: datetime.tzinfo) -> datetime.date:
    """`timezone.localdate(moment)` in `zone`, the current time zone read once for a list."""
    return moment.astimezone(zone).date()


def _meeting_name(theme_title: str) -> str:
    """The meeting's theme; its network and date are shown apart (dates through the filters)."""
    return theme_title or str(_("Temat är inte publicerat"))


# --- The person's own seats ------------------------------------------------------------------


def current_appointments(user) -> list[Appointment]:
    """The person's current seats by network (the seats read once a request, with their
    networks and administrations: `representatives.rules.current_seats`)."""
    return sorted(current_seats(user), key=lambda seat: (seat.network.code, seat.role))


def for_person(
    user, appointments: list[Appointment] | None = None, *, limit: int | None = None
) -> Todos:
    """The person's to-dos from their current seats (`appointments` if already read): the
    first `limit` (all when None), most urgent first, and the total. Actions, consultations
    and indicator values pile up over the years; only the first `limit` of each are read."""
    if appointments is None:
        appointments = current_appointments(user)
    seats = _seats(appointments)
    if not seats:
        return Todos()
    now = timezone.now()
    values = _only(_seat_values(seats), "network_", "administration_")
    # The meetings behind three kinds of to-do, read in one query (`_person_meetings`), each
    # part's rows in the columns its kind reads.
    coming: list[tuple] = []
    held: list[tuple] = []
    evaluated: list[tuple] = []
    for row in rows_by_shape(
        _person_meetings,
        person_id=user.pk,
        now=now,
        held_since=now - datetime.timedelta(days=PACKS_DAYS),
        evaluated_since=now - datetime.timedelta(days=EVALUATIONS_DAYS),
        **values,
    ):
        part, pk, uid, theme, network_id, code, changed, starts_at = row[:8]
        agenda_at, days, flag_0, flag_1, flag_2, flag_3, closes = row[8:15]
        if part == _COMING:
            coming.append(
                (pk, uid, theme, starts_at, changed, agenda_at, flag_0, flag_1, days, code)
            )
        elif part == _HELD:
            held.append((pk, uid, theme, network_id, code, changed, starts_at, *row[15:]))
        else:
            evaluated.append(
                (pk, uid, theme, code, changed, flag_0, flag_1, flag_2, flag_3, closes)
            )
    return _first(
        [
            _whole(_answers_and_proposals(coming, now)),
            _consultations(seats, limit),
            _actions(seats, limit),
            _whole(_packs(seats, held, values)),
            _whole(_evaluations(evaluated, now)),
            _indicators(seats, limit),
        ],
        limit,
    )


# The person's meetings are read in one query, a part per kind of to-do (as the coordinators'
# lists, `_coordinator_rows`): the meeting's columns, then those of one kind or another, and
# last whether each of the seats' administrations presented its pack (`_recently_held`).
_COMING, _HELD, _TO_EVALUATE = 0, 1, 2
_MEETING_LAYOUT: dict[str, type[Field]] = {
    "part": IntegerField,
    "pk": IntegerField,
    "uid": UUIDField,
    "theme": TextField,
    "network": IntegerField,
    "code": TextField,
    "changed": DateTimeField,
    "starts_at": DateTimeField,
}
_PERSON_LAYOUT: dict[str, type[Field]] = _MEETING_LAYOUT | {
    "agenda_at": DateTimeField,
    "close_days": IntegerField,
    "flag_0": BooleanField,
    "flag_1": BooleanField,
    "flag_2": BooleanField,
    "flag_3": BooleanField,
    "closes": DateTimeField,
}


def _meeting_columns() -> dict[str, F]:
    return {
        "pk": F("pk"),
        "uid": F("uid"),
        "theme": F("theme_title"),
        "network": F("network_id"),
        "code": F("network__code"),
        "changed": F("updated_at"),
        "starts_at": F("starts_at"),
    }


def _marks(ids: dict[str, Any]) -> dict[str, type[Field]]:
    """A column per numbered administration (`administration_0`, ...)."""
    return {f"mark_{n}": BooleanField for n in range(len(numbered(ids, "administration_")))}


def _person_meetings(
    person_id: int,
    now: datetime.datetime,
    held_since: datetime.datetime,
    evaluated_since: datetime.datetime,
    limit: None,
    **ids,
) -> QuerySet:
    layout = _PERSON_LAYOUT | _marks(ids)
    coming = _coming_meetings(person_id, now, ids)
    held = _recently_held(now, held_since, ids)
    to_evaluate = _to_evaluate(person_id, now, evaluated_since, ids)
    return _union_part(
        coming,
        _COMING,
        layout,
        **_meeting_columns(),
        agenda_at=F("agenda_published_at"),
        close_days=F("close_days"),
        flag_0=F("answered"),
        flag_1=F("proposed"),
    ).union(
        _union_part(
            held,
            _HELD,
            layout,
            **_meeting_columns(),
            **{f"mark_{n}": F(f"presented_{n}") for n in range(len(_marks(ids)))},
        ),
        _union_part(
            to_evaluate,
            _TO_EVALUATE,
            layout,
            **_meeting_columns(),
            flag_0=F("ticked"),
            flag_1=F("was_there"),
            flag_2=F("said_coming"),
            flag_3=F("evaluated"),
            closes=F("closes"),
        ),
        all=True,
    )


def _answers_and_proposals(meetings: list[tuple], now: datetime.datetime) -> list[Item]:
    """Coming published meetings the person has not answered, and those whose agenda still
    takes proposals and has none of theirs (`_coming_meetings`' rows)."""
    zone = timezone.get_current_timezone()
    items = []
    my_networks = reverse("my_networks") if meetings else ""
    for pk, uid, theme, starts_at, changed, agenda_at, answered, proposed, days, code in meetings:
        name = _meeting_name(theme)
        if not answered:
            items.append(
                Item(
                    Kind.ANSWER,
                    f"todo-answer-{uid}",
                    name,
                    _local_date(starts_at, zone),
                    f"{my_networks}#answer-{pk}",
                    _("Svara på kallelsen"),
                    code,
                    changed=changed,
                )
            )
        closes = starts_at - datetime.timedelta(days=days)
        if closes > now and agenda_at is None and not proposed:
            items.append(
                Item(
                    Kind.PROPOSALS,
                    f"todo-proposals-{uid}",
                    name,
                    _local_date(closes, zone),
                    pk_url("agenda_proposals", pk),
                    _("Föreslå en punkt"),
                    code,
                    changed=changed,
                )
            )
    return items


def _coming_meetings(person_id: int, now: datetime.datetime, ids: dict[str, Any]) -> QuerySet:
    return Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED,
        network_id__in=numbered(ids, "network_"),
        starts_at__gt=now,
    ).annotate(
        answered=Exists(
            Attendance.objects.filter(meeting=OuterRef("pk"), person_id=person_id).exclude(
                answer=""
            )
        ),
        proposed=Exists(
            AgendaItem.objects.filter(meeting=OuterRef("pk"), proposed_by_id=person_id)
        ),
        close_days=F("network__proposal_close_days"),
    )


def _consultations(seats: list[Seat], limit: int | None) -> tuple[list[Item], int]:
    """Consultations the seats' administrations are asked to answer and have not, the first
    `limit` by deadline, and how many (one query)."""
    since = timezone.localdate() - datetime.timedelta(days=CONSULTATIONS_OVERDUE_DAYS)
    found, count = _counted(
        rows_by_shape(
            _unanswered_responses, limit, since=since, **_only(_seat_values(seats), "pair_")
        )
    )
    codes, names = _seat_names(seats)
    document_url = pk_urls("document_detail")
    items = [
        Item(
            Kind.CONSULTATION,
            f"todo-consultation-{pk}",
            title,
            deadline,
            document_url(document_id),
            _("Svara på remissen"),
            codes[network_id],
            names[administration_id],
            changed=changed,
        )
        for pk, title, deadline, document_id, network_id, administration_id, changed, _total in (
            found
        )
    ]
    return items, count


def _unanswered_responses(since: datetime.date, limit: int | None, **ids) -> QuerySet:
    responses = (
        ConsultationResponse.objects.filter(
            _pairs_of(ids, "document__network_id", "administration_id")
        )
        .filter(sent_at__isnull=True, document__withdrawn_at__isnull=True)
        .filter(document__kind=Document.Kind.CONSULTATION, document__deadline__gte=since)
        .order_by("document__deadline", "document__title", "pk")
    )
    return _cut(
        responses,
        limit,
        "pk",
        "document__title",
        "document__deadline",
        "document_id",
        # The network and administration of one of the seats: their code and name are the
        # seat's (`_seat_names`), not joined for each row the count reads.
        "document__network_id",
        "administration_id",
        "document__updated_at",
    )


def _actions(seats: list[Seat], limit: int | None) -> tuple[list[Item], int]:
    """Open actions the seats' administrations answer for, the first `limit` by due date,
    and how many (one query). An action two of the seats answer for is one to-do, named with
    the first of those administrations."""
    found, count = _counted(
        rows_by_shape(
            _open_actions, limit, **_only(_seat_values(seats), "pair_", "administration_")
        )
    )
    done_url = pk_urls("action_done")
    items = [
        Item(
            Kind.ACTION,
            f"todo-action-{pk}",
            title,
            due_on,
            done_url(pk),
            _("Markera som klar"),
            code,
            administration,
            changed=changed,
        )
        for pk, title, due_on, code, administration, changed, _total in found
    ]
    return items, count


def _open_actions(limit: int | None, **ids) -> QuerySet:
    links = ActionItem.administrations.through.objects.filter(actionitem_id=OuterRef("pk")).filter(
        _pairs_of(ids, "actionitem__meeting__network_id", "administration_id")
    )
    # The seats' administrations' actions first (from the index on the link's administration),
    # then the pairing with the network: not every open action of every network checked in turn.
    theirs = ActionItem.administrations.through.objects.filter(
        administration_id__in=numbered(ids, "administration_")
    ).values("actionitem_id")
    actions = (
        ActionItem.objects.filter(status=ActionItem.Status.OPEN, pk__in=theirs)
        .filter(Exists(links))
        .annotate(
            seat_administration=Subquery(
                links.order_by("administration__name").values("administration__name")[:1]
            )
        )
        .order_by(F("due_on").asc(nulls_last=True), "title", "pk")
    )
    return _cut(
        actions,
        limit,
        "pk",
        "title",
        "due_on",
        "meeting__network__code",
        "seat_administration",
        "updated_at",
    )


def _packs(seats: list[Seat], meetings: list[tuple], values: dict[str, int]) -> list[Item]:
    """Recently held meetings whose report-back pack the administration has not presented to
    its management group (`_recently_held`'s rows, its administrations numbered as in
    `values`). The date is the meeting's: when it was held."""
    zone = timezone.get_current_timezone()
    column = _by_administration(values)
    items = []
    for pk, uid, theme, network_id, code, changed, starts_at, *presented in meetings:
        for seat in seats:
            if seat.network_id != network_id:
                continue
            if presented[column[seat.administration_id]]:
                continue
            items.append(
                Item(
                    Kind.PACK,
                    f"todo-pack-{uid}-{seat.administration_id}",
                    _meeting_name(theme),
                    None,
                    key_url("report_back_pack", pk, key=seat.administration_id),
                    _("Öppna återrapporten"),
                    code,
                    seat.administration_name,
                    changed=changed,
                    held_on=_local_date(starts_at, zone),
                )
            )
    return items


def _recently_held(
    now: datetime.datetime, since: datetime.datetime, ids: dict[str, Any]
) -> QuerySet:
    """The recently held meetings, each with whether each numbered administration presented
    its pack (`presented_0`, ...: an annotation per administration, in their order)."""
    presented = {
        f"presented_{n}": Exists(
            ReportBack.objects.filter(meeting=OuterRef("pk"), administration_id=administration)
        )
        for n, administration in enumerate(numbered(ids, "administration_"))
    }
    return (
        Meeting.objects.held(now)
        .filter(network_id__in=numbered(ids, "network_"), ends_at__gte=since)
        .annotate(**presented)
    )


def _by_administration(values: dict[str, int]) -> dict[int, int]:
    """Each numbered administration's place among them: which of a row's per-administration
    columns is its."""
    return {pk: n for n, pk in enumerate(numbered(values, "administration_"))}


def _evaluations(meetings: list[tuple], now: datetime.datetime) -> list[Item]:
    """Held meetings the person took part in, has not evaluated, and can still evaluate
    (`_to_evaluate`'s rows). Participants as in evaluations/workflow.py: ticked present, or
    "kommer" while nobody is ticked; the window closes when the network's next meeting
    starts."""
    zone = timezone.get_current_timezone()
    items = []
    for (
        pk,
        uid,
        theme,
        code,
        changed,
        ticked,
        was_there,
        said_coming,
        evaluated,
        closes,
    ) in meetings:
        took_part = was_there if ticked else said_coming
        if not took_part or evaluated or (closes is not None and closes <= now):
            continue
        items.append(
            Item(
                Kind.EVALUATION,
                f"todo-evaluation-{uid}",
                _meeting_name(theme),
                _local_date(closes, zone) if closes is not None else None,
                pk_url("evaluation_answer", pk),
                _("Svara på utvärderingen"),
                code,
                changed=changed,
            )
        )
    return items


def _to_evaluate(
    person_id: int, now: datetime.datetime, since: datetime.datetime, ids: dict[str, Any]
) -> QuerySet:
    own = Attendance.objects.filter(meeting=OuterRef("pk"), person_id=person_id)
    next_start = (
        Meeting.objects.filter(
            network_id=OuterRef("network_id"), starts_at__gt=OuterRef("starts_at")
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return (
        Meeting.objects.held(now)
        .filter(network_id__in=numbered(ids, "network_"), ends_at__gte=since)
        .filter(Exists(own))
        .annotate(
            ticked=Exists(
                Attendance.objects.filter(meeting=OuterRef("pk"), attended__isnull=False)
            ),
            was_there=Exists(own.filter(attended=True)),
            said_coming=Exists(own.filter(answer=Attendance.Answer.COMING)),
            evaluated=Exists(
                Evaluation.objects.filter(meeting=OuterRef("pk"), person_id=person_id)
            ),
            closes=Subquery(next_start),
        )
    )


def indicator_due(year: int) -> datetime.date:
    """When a year's value is due: 31 March of the following year."""
    return datetime.date(year + 1, INDICATOR_DUE_MONTH, INDICATOR_DUE_DAY)


def _indicators(
    seats: list[Seat], limit: int | None, *, to_the_form: bool = True
) -> tuple[list[Item], int]:
    """Indicators the seats' administrations answer for that lack last year's value, while
    that year is within the goal's years: the first `limit` by name, and how many (one query).
    The link goes to the form that records the value, or (`to_the_form=False`, for a
    director, who reads but does not record) to the indicator on its goal's page."""
    year = timezone.localdate().year - 1
    found, count = _counted(
        rows_by_shape(
            _missing_values,
            limit,
            year=year,
            **_only(_seat_values(seats), "pair_", "administration_"),
        )
    )
    due = indicator_due(year)
    action = _("Registrera värdet för %(year)s") % {"year": year}
    record_url, goal_url = pk_urls("indicator_value_record"), pk_urls("goal_detail")
    codes, names = _seat_names(seats)
    items = [
        Item(
            Kind.INDICATOR,
            f"todo-indicator-{pk}-{year}",
            name,
            due,
            record_url(pk) if to_the_form else f"{goal_url(goal_id)}#indicator-{pk}",
            action,
            codes[network_id],
            names[administration_id],
            changed=changed,
        )
        for pk, name, goal_id, network_id, administration_id, changed, _total in found
    ]
    return items, count


def _missing_values(year: int, limit: int | None, **ids) -> QuerySet:
    indicators = (
        Indicator.objects.filter(
            _pairs_of(ids, "goal__work_area__network_id", "responsible_administration_id")
        )
        # Implied by the pairs: SQLite starts from the administrations' indicators (a list
        # read from their index) rather than from every goal of the networks.
        .filter(
            pk__in=Indicator.objects.filter(
                responsible_administration_id__in=numbered(ids, "administration_")
            ).values("pk")
        )
        .filter(baseline_year__lt=year, goal__target_year__gte=year)
        .exclude(Exists(IndicatorValue.objects.filter(indicator=OuterRef("pk"), year=year)))
        .order_by("name", "pk")
    )
    return _cut(
        indicators,
        limit,
        "pk",
        "name",
        "goal_id",
        # Named from the seats (`_seat_names`), as the consultations' rows are.
        "goal__work_area__network_id",
        "responsible_administration_id",
        "updated_at",
    )


# --- A director's administrations ------------------------------------------------------------


def director_seats(administrations: list[Administration]) -> list[Appointment]:
    """The current seats of the administrations, with person, network and administration
    (one query, compiled once per number of administrations)."""
    return by_shape(
        _seats_of_administrations,
        today=timezone.localdate(),
        **numbering("administration_", [a.pk for a in administrations]),
    )


def _seats_of_administrations(today: datetime.date, limit: None, **ids) -> QuerySet:
    return (
        Appointment.objects.current(today)
        .filter(administration_id__in=numbered(ids, "administration_"))
        .select_related("person", "network", "administration")
        .order_by("administration__name", "network__code", "role")
    )


def for_director(seat_appointments: list[Appointment], *, limit: int | None = None) -> Todos:
    """The to-dos of a director's administrations' seats: meetings nobody of the
    administration has answered, consultations, actions, packs and indicator values; the
    first `limit` (all when None) and the total, as `for_person`."""
    return for_director_with_questions(seat_appointments, [], limit=limit)[0]


def for_director_with_questions(
    seat_appointments: list[Appointment],
    administrations: list[Administration],
    *,
    limit: int | None = None,
) -> tuple[Todos, list["OpenQuestion"]]:
    """`for_director(seat_appointments)` and `open_questions(administrations)` (none for
    none), the questions read in the query of the seats' meetings (`_director_meetings`)."""
    seats = _seats(seat_appointments)
    if not seats:
        return Todos(), open_questions(administrations) if administrations else []
    now = timezone.now()
    values = _only(_seat_values(seats), "network_", "administration_")
    values |= numbering("question_administration_", [a.pk for a in administrations])
    coming: list[tuple] = []
    held: list[tuple] = []
    questions: list[tuple] = []
    width = len(_MEETING_LAYOUT) + len(_marks(values))
    for row in rows_by_shape(
        _director_meetings,
        now=now,
        held_since=now - datetime.timedelta(days=PACKS_DAYS),
        **values,
    ):
        if row[0] == _COMING:
            coming.append(row[1:width])
        elif row[0] == _HELD:
            held.append(row[1:width])
        else:
            questions.append(row)
    # The latest first, as `_open_questions` orders them.
    questions.sort(key=lambda row: (row[-3], row[1]), reverse=True)
    todos = _first(
        [
            _whole(_administration_answers(seats, coming, values)),
            _consultations(seats, limit),
            _actions(seats, limit),
            _whole(_packs(seats, held, values)),
            _indicators(seats, limit, to_the_form=False),
        ],
        limit,
    )
    return todos, [
        OpenQuestion(row[1], row[3], row[5], raised_on, state_label(state, proposal))
        for *row, raised_on, state, proposal in questions
    ]


# The director's meetings (coming, to answer; recently held, to present) and their open
# questions in one query, as `_person_meetings`: the meeting's columns, whether someone of
# each administration answered (coming) or presented its pack (held), then the question's.
_QUESTION = 2
_QUESTION_LAYOUT: dict[str, type[Field]] = {
    "raised_on": DateField,
    "state": TextField,
    "proposal": TextField,
}


def _director_meetings(
    now: datetime.datetime, held_since: datetime.datetime, limit: None, **ids
) -> QuerySet:
    marks = _marks(ids)
    layout = _MEETING_LAYOUT | marks | _QUESTION_LAYOUT
    parts = [
        _union_part(
            _coming_published(now, ids),
            _COMING,
            layout,
            **_meeting_columns(),
            **{f"mark_{n}": F(f"answered_{n}") for n in range(len(marks))},
        ),
        _union_part(
            _recently_held(now, held_since, ids),
            _HELD,
            layout,
            **_meeting_columns(),
            **{f"mark_{n}": F(f"presented_{n}") for n in range(len(marks))},
        ),
    ]
    if administrations := numbered(ids, "question_administration_"):
        questions = Question.objects.filter(
            pk__in=_open_questions(
                None, **numbering("administration_", administrations)
            ).values_list("pk")
        )
        parts.append(
            _union_part(
                questions,
                _QUESTION,
                layout,
                pk=F("pk"),
                theme=F("title"),
                code=F("network__code"),
                raised_on=F("raised_on"),
                state=F("state"),
                proposal=F("agenda_item__status"),
            )
        )
    first, *rest = parts
    return first.union(*rest, all=True)


def _administration_answers(
    seats: list[Seat], meetings: list[tuple], values: dict[str, int]
) -> list[Item]:
    """Coming published meetings that no one of the seat's administration has answered
    (`_coming_published`'s rows, its administrations numbered as in `values`)."""
    zone = timezone.get_current_timezone()
    column = _by_administration(values)
    items = []
    for pk, uid, theme, network_id, code, changed, starts_at, *answered in meetings:
        for seat in seats:
            if seat.network_id != network_id:
                continue
            if answered[column[seat.administration_id]]:
                continue
            items.append(
                Item(
                    Kind.ANSWER,
                    f"todo-answer-{uid}-{seat.administration_id}",
                    _meeting_name(theme),
                    _local_date(starts_at, zone),
                    pk_url("meeting_detail", pk),
                    _("Ingen har svarat: se mötet"),
                    code,
                    seat.administration_name,
                    changed=changed,
                )
            )
    return items


def _coming_published(now: datetime.datetime, ids: dict[str, Any]) -> QuerySet:
    """The coming published meetings, each with whether someone of each numbered
    administration has answered (`answered_0`, ...: an annotation per administration, in
    their order)."""
    answered = {
        f"answered_{n}": Exists(
            Attendance.objects.filter(
                meeting=OuterRef("pk"), administration_id=administration
            ).exclude(answer="")
        )
        for n, administration in enumerate(numbered(ids, "administration_"))
    }
    return Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED,
        network_id__in=numbered(ids, "network_"),
        starts_at__gt=now,
    ).annotate(**answered)


@dataclass(frozen=True)
class OpenQuestion:
    """A question on its way, as the director's list shows it."""

    pk: int
    title: str  # people-written: shown with `|sv`
    network_code: str
    raised_on: datetime.date
    state_label: str


def open_questions(administrations: list[Administration]) -> list[OpenQuestion]:
    """The administrations' questions still on their way (not closed or withdrawn), the
    latest first: one query of the columns the list shows, compiled once per number of
    administrations (the proposal carrying a question read with it, for its state's label)."""
    return [
        OpenQuestion(pk, title, code, raised_on, state_label(state, proposal))
        for pk, title, code, raised_on, state, proposal in rows_by_shape(
            _open_questions, **numbering("administration_", [a.pk for a in administrations])
        )
    ]


def _open_questions(limit: None, **ids) -> QuerySet:
    return (
        Question.objects.filter(administration_id__in=numbered(ids, "administration_"))
        .exclude(state__in=[Question.State.CLOSED, Question.State.WITHDRAWN])
        .order_by("-raised_on", "-pk")
        .values_list("pk", "title", "network__code", "raised_on", "state", "agenda_item__status")[
            :COORDINATOR_ROWS
        ]
    )


# --- The coordinators' overview --------------------------------------------------------------


@dataclass
class Row:
    """One line of the coordinators' lists: what, where, since or by when, a link, a tag."""

    title: str
    network_code: str
    url: str
    date: datetime.date | None
    tag: str
    late: bool = False


@dataclass
class CoordinatorOverview:
    arrived: list[Row]
    late: list[Row]


def for_coordinator(user) -> CoordinatorOverview | None:
    """What arrived in the coordinated networks (pending proposals, raised questions, open
    theme wishes, consultation responses marked sent lately) and what is late (overdue
    actions, meetings soon with administrations that have not answered, packs not presented).
    None for someone who coordinates nothing. One query (`_coordinator_rows`: its parts
    joined by UNION ALL), compiled once per number of networks (`rows_by_shape`)."""
    coordinated = coordinated_network_ids(user)
    if not coordinated:
        return None
    networks = {f"network_{n}": pk for n, pk in enumerate(sorted(coordinated))}
    now = timezone.now()
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    parts: dict[int, list[tuple]] = {part: [] for part in range(8)}
    for row in rows_by_shape(
        _coordinator_rows,
        now=now,
        today=today,
        since=now - datetime.timedelta(days=RECENT_RESPONSES_DAYS),
        ahead=now + datetime.timedelta(days=ANSWERS_AHEAD_DAYS),
        held_since=now - datetime.timedelta(days=PACKS_DAYS),
        **networks,
    ):
        parts[row[0]].append(row)
    # Each part in its own order (a part of a UNION has none of its own on SQLite): the
    # parts' queries name the same order for the rows they keep.
    first = datetime.date.min
    arrived: list[Row] = []
    tag = str(_("Nytt förslag"))
    manage_url = pk_urls("agenda_manage")
    for _part, title, _name, code, meeting_id, _network, _day, created_at, _n in sorted(
        parts[_PROPOSALS], key=lambda row: row[7], reverse=True
    ):
        arrived.append(Row(title, code, manage_url(meeting_id), _local_date(created_at, zone), tag))
    tag = str(_("Ny fråga"))
    question_url = pk_urls("question_detail")
    for _part, title, _name, code, pk, _network, raised_on, _moment, _n in sorted(
        parts[_QUESTIONS], key=lambda row: (row[6], row[4]), reverse=True
    ):
        arrived.append(Row(title, code, question_url(pk), raised_on, tag))
    tag = str(_("Temaönskemål"))
    wishes: dict[str, str] = {}  # each network's page of wishes, reversed once
    for _part, title, _name, code, _id, _network, _day, created_at, _n in sorted(
        parts[_WISHES], key=lambda row: row[7], reverse=True
    ):
        if code not in wishes:
            wishes[code] = reverse("theme_suggestions", kwargs={"code": code.lower()})
        arrived.append(Row(title, code, wishes[code], _local_date(created_at, zone), tag))
    tag = str(_("Remissvar"))
    document_url = pk_urls("document_detail")
    for _part, title, administration, code, document_id, _network, _day, sent_at, _n in sorted(
        parts[_RESPONSES], key=lambda row: row[7], reverse=True
    ):
        arrived.append(
            Row(
                f"{title} – {administration}",
                code,
                document_url(document_id),
                _local_date(sent_at, zone),
                tag,
            )
        )
    arrived.sort(key=lambda row: row.date or first, reverse=True)

    late: list[Row] = []
    tag = str(_("Försenad åtgärd"))
    done_url = pk_urls("action_done")
    for _part, title, _name, code, pk, _network, due_on, _moment, _n in sorted(
        parts[_LATE_ACTIONS], key=lambda row: (row[6], row[4])
    ):
        late.append(Row(title, code, done_url(pk), due_on, tag, late=True))
    # How many administrations have a seat in each network today, counted once per network
    # (as a subquery of each meeting listed it read every seat of the network again).
    seated = {row[5]: row[8] for row in parts[_SEATED]}
    tag = str(_("Obesvarad kallelse"))
    for _part, theme, _name, code, pk, network_id, _day, starts_at, answered in sorted(
        parts[_SOON_UNANSWERED], key=lambda row: row[7]
    ):
        missing = seated.get(network_id, 0) - answered
        if missing > 0:
            late.append(
                Row(
                    ngettext(
                        "%(count)s förvaltning har inte svarat: %(meeting)s",
                        "%(count)s förvaltningar har inte svarat: %(meeting)s",
                        missing,
                    )
                    % {"count": missing, "meeting": _meeting_name(theme)},
                    code,
                    pk_url("meeting_detail", pk),
                    _local_date(starts_at, zone),
                    tag,
                    late=True,
                )
            )
    tag = str(_("Inte återrapporterat"))
    for _part, theme, _name, code, pk, network_id, _day, starts_at, presented in sorted(
        parts[_UNPRESENTED], key=lambda row: row[7], reverse=True
    ):
        missing = seated.get(network_id, 0) - presented
        if missing > 0:
            late.append(
                Row(
                    ngettext(
                        "%(count)s förvaltning har inte återrapporterat: %(meeting)s",
                        "%(count)s förvaltningar har inte återrapporterat: %(meeting)s",
                        missing,
                    )
                    % {"count": missing, "meeting": _meeting_name(theme)},
                    code,
                    pk_url("report_back_status", pk),
                    _local_date(starts_at, zone),
                    tag,
                    late=True,
                )
            )
    return CoordinatorOverview(arrived=arrived, late=late)


# The coordinators' lists are read in one query: each list a part of a UNION ALL, its rows of
# the same columns (a part fills those it has, the rest are typed NULLs), the first the part's
# number. A part cut to its first rows picks them in a subquery (`pk__in`): SQLite allows no
# ORDER BY or LIMIT on a part itself.
_PROPOSALS, _QUESTIONS, _WISHES, _RESPONSES, _LATE_ACTIONS, _SEATED = 0, 1, 2, 3, 4, 5
_SOON_UNANSWERED, _UNPRESENTED = 6, 7
_COORDINATOR_COLUMNS = {
    "part": IntegerField,
    "title": TextField,
    "name": TextField,
    "code": TextField,
    "ref": IntegerField,
    "network": IntegerField,
    "day": DateField,
    "moment": DateTimeField,
    "n": IntegerField,
}


class _Null(Cast):
    """A NULL of a column's type (PostgreSQL takes a bare NULL in a part for text), which a
    grouped part does not group by."""

    def __init__(self, output_field: Any) -> None:
        super().__init__(Value(None), output_field)

    def get_group_by_cols(self) -> list:
        return []


def _part(rows: QuerySet, part: int, **columns: Any) -> QuerySet:
    """The rows as one part of `_coordinator_rows`."""
    return _union_part(rows, part, _COORDINATOR_COLUMNS, **columns)


def _union_part(
    rows: QuerySet, part: int, layout: dict[str, type[Field]], **columns: Any
) -> QuerySet:
    """The rows as one part of a UNION ALL whose columns are `layout`'s (each named with its
    type): first the part's number, then the columns given, NULL for the others."""
    if unknown := set(columns) - set(layout):
        raise ValueError(f"Not columns of the union: {sorted(unknown)}")
    filled = {
        f"row_{name}": columns[name] if name in columns else _Null(kind())
        for name, kind in layout.items()
        if name != "part"
    }
    return (
        rows.order_by()
        .annotate(row_part=Value(part, IntegerField()), **filled)
        .values_list(*(f"row_{name}" for name in layout))
    )


def _coordinator_rows(
    now: datetime.datetime,
    today: datetime.date,
    since: datetime.datetime,
    ahead: datetime.datetime,
    held_since: datetime.datetime,
    limit: None,
    **ids,
) -> QuerySet:
    networks = numbered(ids, "network_")
    proposals = AgendaItem.objects.filter(
        pk__in=AgendaItem.objects.filter(
            status=AgendaItem.Status.PROPOSED,
            meeting__network_id__in=networks,
            meeting__starts_at__gt=now,
        )
        .order_by("-created_at")
        .values("pk")[:COORDINATOR_ROWS]
    )
    questions = Question.objects.filter(
        pk__in=Question.objects.filter(state=Question.State.RAISED, network_id__in=networks)
        .order_by("-raised_on", "-pk")
        .values("pk")[:COORDINATOR_ROWS]
    )
    wishes = ThemeSuggestion.objects.filter(
        pk__in=ThemeSuggestion.objects.filter(
            status=ThemeSuggestion.Status.OPEN, network_id__in=networks
        )
        .order_by("-created_at")
        .values("pk")[:COORDINATOR_ROWS]
    )
    responses = ConsultationResponse.objects.filter(
        pk__in=ConsultationResponse.objects.filter(
            document__network_id__in=networks, sent_at__gte=since
        )
        .order_by("-sent_at")
        .values("pk")[:COORDINATOR_ROWS]
    )
    actions = ActionItem.objects.filter(
        pk__in=ActionItem.objects.filter(
            status=ActionItem.Status.OPEN, due_on__lt=today, meeting__network_id__in=networks
        )
        .order_by("due_on", "pk")
        .values("pk")[:COORDINATOR_ROWS]
    )
    # How many administrations have a seat in each of the networks today: counted from the
    # seats' own column, without joining the administrations and networks.
    seated = (
        Appointment.objects.current(today)
        .filter(network_id__in=networks)
        .order_by()
        .values("network_id")
        .annotate(seated=Count("administration_id", distinct=True))
    )
    soon = Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED,
        network_id__in=networks,
        starts_at__gt=now,
        starts_at__lte=ahead,
    ).annotate(
        # Counted in a subquery, as the packs presented below: a part grouped by meeting
        # would group by each of the meeting's columns.
        answered=Coalesce(
            Subquery(
                Attendance.objects.filter(meeting=OuterRef("pk"))
                .exclude(answer="")
                .order_by()
                .values("meeting")
                .annotate(n=Count("administration", distinct=True))
                .values("n")
            ),
            0,
        )
    )
    unpresented = Meeting.objects.filter(
        pk__in=Meeting.objects.held(now)
        .filter(network_id__in=networks, ends_at__gte=held_since)
        .order_by("-starts_at")
        .values("pk")[:COORDINATOR_ROWS]
    ).annotate(
        # Counted in a subquery, not by grouping the meetings: grouped, the database reads
        # every meeting of the networks instead of only the recent ones.
        presented=Coalesce(
            Subquery(
                ReportBack.objects.filter(meeting=OuterRef("pk"))
                .order_by()
                .values("meeting")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        ),
    )
    return _part(
        proposals,
        _PROPOSALS,
        title=F("title"),
        code=F("meeting__network__code"),
        ref=F("meeting_id"),
        moment=F("created_at"),
    ).union(
        _part(
            questions,
            _QUESTIONS,
            title=F("title"),
            code=F("network__code"),
            ref=F("pk"),
            day=F("raised_on"),
        ),
        _part(wishes, _WISHES, title=F("title"), code=F("network__code"), moment=F("created_at")),
        _part(
            responses,
            _RESPONSES,
            title=F("document__title"),
            name=F("administration__name"),
            code=F("document__network__code"),
            ref=F("document_id"),
            moment=F("sent_at"),
        ),
        _part(
            actions,
            _LATE_ACTIONS,
            title=F("title"),
            code=F("meeting__network__code"),
            ref=F("pk"),
            day=F("due_on"),
        ),
        _part(seated, _SEATED, network=F("network_id"), n=F("seated")),
        _part(
            soon,
            _SOON_UNANSWERED,
            title=F("theme_title"),
            code=F("network__code"),
            ref=F("pk"),
            network=F("network_id"),
            moment=F("starts_at"),
            n=F("answered"),
        ),
        _part(
            unpresented,
            _UNPRESENTED,
            title=F("theme_title"),
            code=F("network__code"),
            ref=F("pk"),
            network=F("network_id"),
            moment=F("starts_at"),
            n=F("presented"),
        ),
        all=True,
    )


# --- Everyone ----------------------------------------------------------------------------------


def recent_minutes(user) -> list[Meeting]:
    """The latest meetings whose minutes are published, newest first, with `minutes_at`."""
    return list(
        Meeting.objects.visible_to(user)
        .filter(Exists(MinutesVersion.objects.filter(minutes__meeting=OuterRef("pk"))))
        .annotate(minutes_at=Max("minutes__versions__published_at"))
        .select_related("network")
        .order_by("-minutes_at")[:RECENT_MINUTES]
    )
