"""What changed in a network since the person's last visit to its overview.

The visit (`NetworkVisit`): a visit is a run of views of the overview, each less than
`VISIT_GAP` after the one before. The list counts from the end of the previous visit, not
from the latest view, so it stays while the person reloads the page or comes back from a
meeting within the visit, and moves on only with the next visit. The row is written with one
upsert, and within a visit at most every `WRITE_EVERY` (a reload costs no write).

The changes are what the network was told, read from the timestamps the records already
carry; drafts have none, so nothing unpublished shows, to coordinators either (their drafts
are theirs; the list is the network's news):

- a meeting's theme published (`Meeting.published_at`), a published meeting moved or its
  theme changed (its history rows: the values now against those at the visit), a meeting
  cancelled (`cancelled_at`);
- an agenda version published (`AgendaVersion.published_at`: version 1 is the agenda, later
  ones its changes), a minutes version published (`MinutesVersion.published_at`);
- a document or consultation added (`Document.created_at`, not withdrawn);
- a question the person may see answered in writing, referred or given an outcome (its
  `QuestionEvent`s; `visible_questions`: for a representative, the own administration's);
- a theme suggestion (`ThemeSuggestion.created_at`), for those who see the suggestions.

What the person did themselves (a version they published, a document they added, their own
suggestion or step) is not news to them and is left out where the record names who did it.
All of it is one query (a UNION of one SELECT per kind), the newest `SHOWN` first, compiled
once per shape of the person's roles (`changes_since`).
"""

import dataclasses
import datetime

from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.prepared import Prepared
from meetings.models import (
    AgendaVersion,
    Document,
    Meeting,
    MinutesVersion,
    NetworkVisit,
    Question,
    QuestionEvent,
    ThemeSuggestion,
)
from meetings.rules import Roles, can_see_theme_suggestions, question_seen_condition, roles_of
from networks.models import Network

# A view this long after the latest one starts a new visit.
VISIT_GAP = datetime.timedelta(minutes=30)
# Within a visit, the latest view is written at most this often.
WRITE_EVERY = datetime.timedelta(minutes=5)
SHOWN = 8

# The meeting's fields whose change people should hear of: time, place, link and theme.
MEETING_FIELDS = (
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "format",
    "theme_title",
    "theme_description",
)
# The question steps that give the management group an answer.
ANSWERS = (Question.State.ANSWERED, Question.State.REFERRED, Question.State.OUTCOME)
# The union's columns, named apart from every model's fields (an annotation may not shadow one).
COLUMNS = ("change_kind", "change_at", "ref", "change_number", "change_title", "change_day")


@dataclasses.dataclass(frozen=True)
class Change:
    label: str
    title: str
    at: datetime.datetime
    url: str
    day: datetime.datetime | None = None


def record_visit(
    user, network: Network, now: datetime.datetime, *, write: bool = True
) -> datetime.datetime | None:
    """Note this view of the overview; return the moment the changes count from (None while
    the person has had no earlier visit). One SELECT, and at most one upsert. `write=False`
    (a HEAD: a link checker, not a visit) only reads."""
    found = _VISIT.objects(user_id=user.pk, network_id=network.pk)
    visit = found[0] if found else None
    if visit is None:
        if write:
            _save(user, network, now, None)
        return None
    since = visit.since(now, VISIT_GAP)
    if not write:
        return since
    if now - visit.seen_at >= VISIT_GAP:
        _save(user, network, now, visit.seen_at)
    elif now - visit.seen_at >= WRITE_EVERY:
        _save(user, network, now, visit.previous_seen_at)
    return since


# The person's visit of the network (one at most), compiled once per connection: the network
# page reads it on every view.
_VISIT = Prepared(
    lambda user_id, network_id: NetworkVisit.objects.filter(
        user_id=user_id, network_id=network_id
    ).order_by("pk")[:1],
    user_id=int,
    network_id=int,
)


def _save(user, network: Network, seen_at, previous_seen_at) -> None:
    # An upsert: two tabs opened at once write the same row, never a second one.
    NetworkVisit.objects.bulk_create(
        [
            NetworkVisit(
                user=user, network=network, seen_at=seen_at, previous_seen_at=previous_seen_at
            )
        ],
        update_conflicts=True,
        unique_fields=["user", "network"],
        update_fields=["seen_at", "previous_seen_at"],
    )


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _rows(queryset: QuerySet, **columns) -> QuerySet:
    """One SELECT of the union: the same columns, in the same order, for every kind."""
    # Typed NULLs: PostgreSQL makes two untyped NULLs of a UNION text, which no later
    # integer or timestamp matches.
    defaults = {
        "number": Cast(Value(None), IntegerField()),
        "day": Cast(Value(None), DateTimeField()),
    }
    values = {}
    for column in COLUMNS:
        name = column.removeprefix("change_")
        values[column] = columns[name] if name in columns else defaults[name]
    return queryset.order_by().annotate(**values).values_list(*COLUMNS)


def _meeting_changed(meetings: QuerySet, since: datetime.datetime) -> QuerySet:
    """Published before the visit and edited since: its time, place, link or theme now differ
    from its history row at the visit (an edit undone again is no change)."""
    history = Meeting.history.model
    at_visit = history.objects.filter(id=OuterRef("pk"), history_date__lte=since).filter(
        ~Exists(
            history.objects.filter(
                id=OuterRef("id"),
                history_date__lte=since,
                history_date__gt=OuterRef("history_date"),
            )
        )
    )
    unchanged = at_visit.filter(**{name: OuterRef(name) for name in MEETING_FIELDS})
    latest = history.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    return (
        meetings.filter(
            status=Meeting.Status.PUBLISHED, published_at__lte=since, updated_at__gt=since
        )
        .filter(Exists(at_visit), ~Exists(unchanged))
        .annotate(changed_at=Subquery(latest.values("history_date")[:1]))
    )


def changes_since(user, network: Network, since: datetime.datetime) -> list[Change]:
    """The newest `SHOWN` changes in the network after `since` that `user` may see.

    The union of eight SELECTs costs Django more to build and compile than the database to
    answer, so it is compiled once per shape (config/prepared.py): its SQL depends only on how
    many networks the person coordinates, administrations they direct and seats they hold,
    and whether they see theme suggestions; the ids and the moment are its values."""
    roles = roles_of(user)
    suggestions = bool(can_see_theme_suggestions(user, network))
    shape = (len(roles.coordinated), len(roles.directed), len(roles.seats), suggestions)
    prepared = _UNIONS.get(shape)
    if prepared is None:
        prepared = _UNIONS[shape] = _prepared_union(*shape)
    values = {"user_id": user.pk, "network_id": network.pk, "since": since}
    values |= {f"coordinated_{n}": pk for n, pk in enumerate(roles.coordinated)}
    values |= {f"directed_{n}": pk for n, pk in enumerate(roles.directed)}
    for n, (network_id, administration_id) in enumerate(roles.seats):
        values |= {f"seat_network_{n}": network_id, f"seat_administration_{n}": administration_id}
    rows = prepared.rows(**values)
    return [_change(dict(zip(COLUMNS, row, strict=True)), network) for row in rows]


_UNIONS: dict[tuple[int, int, int, bool], Prepared] = {}


def _prepared_union(coordinated: int, directed: int, seats: int, suggestions: bool) -> Prepared:
    kinds: dict[str, type] = {"user_id": int, "network_id": int, "since": datetime.datetime}
    kinds |= {f"coordinated_{n}": int for n in range(coordinated)}
    kinds |= {f"directed_{n}": int for n in range(directed)}
    for n in range(seats):
        kinds |= {f"seat_network_{n}": int, f"seat_administration_{n}": int}

    def build(user_id, network_id, since, **ids) -> QuerySet:
        roles = Roles(
            tuple(ids[f"coordinated_{n}"] for n in range(coordinated)),
            tuple(ids[f"directed_{n}"] for n in range(directed)),
            tuple(
                (ids[f"seat_network_{n}"], ids[f"seat_administration_{n}"]) for n in range(seats)
            ),
        )
        return union(user_id, network_id, since, roles, suggestions)

    return Prepared(build, **kinds)


def union(
    user_id: int, network_id: int, since: datetime.datetime, roles: Roles, suggestions: bool
) -> QuerySet:
    """The changes as one query: a person (`user_id`) with these roles, who sees the network's
    theme suggestions or not."""
    meetings = Meeting.objects.seen_by(roles.coordinated).filter(network_id=network_id)
    visible = meetings.values("pk")
    parts = [
        _rows(
            meetings.filter(published_at__gt=since),
            kind=_text("published"),
            at=F("published_at"),
            ref=F("pk"),
            title=F("theme_title"),
            day=F("starts_at"),
        ),
        _rows(
            _meeting_changed(meetings, since),
            kind=_text("changed"),
            at=F("changed_at"),
            ref=F("pk"),
            title=F("theme_title"),
            day=F("starts_at"),
        ),
        _rows(
            meetings.filter(cancelled_at__gt=since),
            kind=_text("cancelled"),
            at=F("cancelled_at"),
            ref=F("pk"),
            title=F("theme_title"),
            day=F("starts_at"),
        ),
        _rows(
            AgendaVersion.objects.filter(meeting__in=visible, published_at__gt=since).exclude(
                published_by_id=user_id
            ),
            kind=_text("agenda"),
            at=F("published_at"),
            ref=F("meeting_id"),
            number=F("number"),
            title=F("meeting__theme_title"),
            day=F("meeting__starts_at"),
        ),
        _rows(
            MinutesVersion.objects.filter(
                minutes__meeting__in=visible, published_at__gt=since
            ).exclude(published_by_id=user_id),
            kind=_text("minutes"),
            at=F("published_at"),
            ref=F("minutes__meeting_id"),
            number=F("number"),
            title=F("minutes__meeting__theme_title"),
            day=F("minutes__meeting__starts_at"),
        ),
        _rows(
            Document.objects.current()
            .filter(network_id=network_id, created_at__gt=since)
            .exclude(created_by_id=user_id),
            kind=Case(
                When(kind=Document.Kind.CONSULTATION, then=_text("consultation")),
                default=_text("document"),
            ),
            at=F("created_at"),
            ref=F("pk"),
            title=F("title"),
        ),
    ]
    question_seen = question_seen_condition(*roles, through="question")
    if question_seen is not None:
        parts.append(
            _rows(
                # On the joined question, not a list of the visible questions' ids: SQLite
                # then reads the events since the visit by their time and looks up each one's
                # question, instead of reading every visible question's events.
                QuestionEvent.objects.filter(
                    question_seen,
                    question__network_id=network_id,
                    state__in=ANSWERS,
                    at__gt=since,
                ).exclude(actor_id=user_id),
                kind=Concat(_text("question_"), F("state"), output_field=CharField()),
                at=F("at"),
                ref=F("question_id"),
                title=F("question__title"),
            )
        )
    if suggestions:
        parts.append(
            _rows(
                ThemeSuggestion.objects.filter(network_id=network_id, created_at__gt=since).exclude(
                    suggested_by_id=user_id
                ),
                kind=_text("suggestion"),
                at=F("created_at"),
                ref=F("pk"),
                title=F("title"),
            )
        )
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-change_at", "change_kind", "-ref")[:SHOWN]


QUESTION_LABELS = {
    "question_answered": gettext_lazy("Fråga besvarad skriftligt"),
    "question_referred": gettext_lazy("Fråga hänvisad till andra nätverket"),
    "question_outcome": gettext_lazy("Utfall registrerat för en fråga"),
}
MEETING_LABELS = {
    "published": gettext_lazy("Temat publicerat"),
    "changed": gettext_lazy("Mötet ändrat: tid, plats eller tema"),
    "cancelled": gettext_lazy("Mötet inställt"),
}


def _change(row: dict, network: Network) -> Change:
    kind, ref, number = row["change_kind"], row["ref"], row["change_number"]
    if kind in MEETING_LABELS:
        label, url = str(MEETING_LABELS[kind]), reverse("meeting_detail", args=[ref])
    elif kind == "agenda":
        label = (
            _("Dagordningen publicerad")
            if number == 1
            else _("Ny version av dagordningen (version %(number)s)") % {"number": number}
        )
        url = reverse("agenda_version", args=[ref, number])
    elif kind == "minutes":
        label = (
            _("Minnesanteckningarna publicerade")
            if number == 1
            else _("Minnesanteckningarna rättade (version %(number)s)") % {"number": number}
        )
        url = reverse("minutes_version", args=[ref, number])
    elif kind in ("document", "consultation"):
        label = _("Ny remiss") if kind == "consultation" else _("Nytt dokument")
        url = reverse("document_detail", args=[ref])
    elif kind in QUESTION_LABELS:
        label, url = str(QUESTION_LABELS[kind]), reverse("question_detail", args=[ref])
    else:  # a theme suggestion
        label = _("Nytt temaförslag")
        url = reverse("theme_suggestions", args=[network.code.lower()]) + f"#suggestion-{ref}"
    return Change(
        label=label,
        title=row["change_title"],
        at=row["change_at"],
        url=url,
        day=row["change_day"],
    )
