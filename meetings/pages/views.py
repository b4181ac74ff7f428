"""The pages everyone signed in reads: the start page, a network, a meeting.

The network page lives here rather than in `networks`, because it shows meetings and
representatives, and `networks` knows nothing of those apps (see README, Architecture).
"""

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Max, Min, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.models import User
from config.dates import local_midnight
from config.http import AuthenticatedHttpRequest
from config.prepared import Prepared, by_shape, numbered, numbering, rows_by_shape
from meetings import paging
from meetings.access import network_by_code, visible_meeting
from meetings.agenda.versions import published_agenda
from meetings.documents import workflow as documents
from meetings.minutes.workflow import latest_minutes_annotations, meeting_minutes_context
from meetings.models import Document, Meeting, MinutesVersion
from meetings.models.agenda import seen_agenda, seen_agenda_prefetch
from meetings.pages.forms import PastTermForm
from meetings.participation.forms import answer_form_for
from meetings.participation.workflow import ANSWERS_PARAM, participation_context
from meetings.rules import can_propose_for
from meetings.terms import Term
from meetings.todo import items as todo
from meetings.visits import changes as since_visit
from networks.models import Network, WorkArea
from networks.rules import coordinated_network_ids, is_coordinator
from networks.views import work_area_context
from representatives.models import Administration, Appointment
from representatives.rules import directed_administrations

UPCOMING_ON_HOME = 3
# The start page shows the first to-dos (the most urgent: the list is sorted by date); the
# rest are a link away on Mina nätverk.
TODOS_ON_HOME = 8
MEETINGS_PER_LIST = 10
# The latest terms linked on the "Möten" page; every term is in its select.
TERM_LINKS = 8
# The overview shows what is next; the rest is on the network's "Möten" page.
UPCOMING_ON_OVERVIEW = 3


@require_safe
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    networks = _with_next_meetings(user)
    appointments = todo.current_appointments(user)
    administrations = directed_administrations(user)
    seats = todo.director_seats(administrations) if administrations else []
    coordinator = todo.for_coordinator(user)
    is_staff_only = not (appointments or administrations or coordinator)
    own = todo.for_person(user, appointments, limit=TODOS_ON_HOME)
    directed, questions = todo.for_director_with_questions(
        seats, administrations, limit=TODOS_ON_HOME
    )
    context = {
        "networks": networks,
        # A task list per role: a person with several roles sees each one's part.
        "my_appointments": appointments,
        "todo": own,
        "todo_total": own.total,
        "my_administrations": administrations,
        "director_seats": seats,
        "director_todo": directed,
        "director_todo_total": directed.total,
        "director_questions": questions,
        "coordinator": coordinator,
        "is_staff_only": is_staff_only,
        "recent_minutes": todo.recent_minutes(user) if is_staff_only else [],
    }
    return render(request, "meetings/pages/home.html", context)


def _with_next_meetings(user) -> list[Network]:
    """The networks, each with its next UPCOMING_ON_HOME meetings the person may see
    (`next_meetings`): one query, compiled once per number of networks the person coordinates
    (config/prepared.py)."""
    values = {"now": timezone.now()} | numbering(
        "coordinated_", sorted(coordinated_network_ids(user))
    )
    by_network: dict[int, list[Meeting]] = {}
    for meeting in by_shape(_next_meetings, UPCOMING_ON_HOME, **values):
        by_network.setdefault(meeting.network_id, []).append(meeting)
    networks: list[Network] = _NETWORKS.objects()
    for network in networks:
        network.next_meetings = by_network.get(network.pk, [])  # type: ignore[attr-defined]
    return networks


# Every network, for the start page's panels (compiled once per connection).
_NETWORKS = Prepared(lambda: Network.objects.all())

# What a meeting's card shows (meetings/pages/cards.py): the rest of the row is not read.
CARD_FIELDS = (
    "network_id",
    "starts_at",
    "ends_at",
    "place",
    "format",
    "theme_title",
    "status",
)


def _next_meetings(now, limit: int, **ids) -> QuerySet:
    """`MeetingQuerySet.upcoming` of the meetings visible to someone coordinating these
    networks, not cancelled, the first `limit` of each network (the card's fields only)."""
    return (
        Meeting.objects.only(*CARD_FIELDS)
        .seen_by(numbered(ids, "coordinated_"))
        .filter(ends_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(
            place_in_network=Window(RowNumber(), partition_by="network_id", order_by="starts_at")
        )
        .filter(place_in_network__lte=limit)
        .order_by("network_id", "starts_at")
    )


SEATS_PARAM = "forvaltningar"

# The names of a network's coordinators (`network.coordinators.all()`, in the people's order),
# compiled once per connection: the network's overview names them on every view.
_COORDINATOR_NAMES = Prepared(
    lambda network_id: User.objects.filter(coordinated_networks=network_id).values_list(
        "full_name"
    ),
    network_id=int,
)

# A meeting's work areas (`meeting.work_areas.all()`), compiled once per connection: the meeting
# page shows them on every view.
_MEETING_WORK_AREAS = Prepared(
    lambda meeting_id: WorkArea.objects.filter(meetings=meeting_id), meeting_id=int
)


def _upcoming_in(network: Network, user) -> list[Meeting]:
    """The network's next UPCOMING_ON_OVERVIEW meetings the person may see
    (`visible_to(user).upcoming()`), compiled once per number of networks they coordinate."""
    values: dict[str, Any] = {"network_id": network.pk, "now": timezone.now()}
    values |= numbering("coordinated_", sorted(coordinated_network_ids(user)))
    return by_shape(_upcoming, UPCOMING_ON_OVERVIEW, **values)


def _upcoming(network_id: int, now, limit: int, **ids) -> QuerySet:
    return (
        Meeting.objects.seen_by(numbered(ids, "coordinated_"))
        .filter(network_id=network_id, ends_at__gte=now)
        .order_by("starts_at")[:limit]
    )


@require_safe
@login_required
def network_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """A network's overview: what is next (the next meetings, the open remisser, the
    coordinator's tools), what changed since the person's last visit, and what it works on.
    The rest is a section a link away (the network's sub-navigation, `{% network_nav %}`)."""
    network = network_by_code(code)
    can_coordinate = is_coordinator(request.user, network)
    # A GET that writes: the note of this visit, bookkeeping like the session (the security
    # sweep lets this one table change on a GET, tests/security/support.py); a HEAD only reads.
    since = since_visit.record_visit(
        request.user, network, timezone.now(), write=request.method == "GET"
    )
    context = {
        **work_area_context(network, can_coordinate),
        "upcoming": _upcoming_in(network, request.user),
        "coordinator_names": [name for (name,) in _COORDINATOR_NAMES.rows(network_id=network.pk)],
        "current": documents.current_for_network(network),
        "visited_before": since,
        "changes": since_visit.changes_since(request.user, network, since) if since else [],
    }
    return render(request, "meetings/pages/network_detail.html", context)


@require_safe
@login_required
def network_meetings(request: HttpRequest, code: str) -> HttpResponse:
    """A network's meetings: the upcoming ones, then the past one term at a time
    (`?termin=HT2024`, by default the latest term with a held meeting), with every term that
    has one a link away. A term that does not fit, or has no meetings, shows the latest term."""
    network = network_by_code(code)
    # Each query compiled once per number of networks the person coordinates (which meetings
    # they see): `visible_to(user)` of the network, past ones (ended before now) and upcoming.
    now = timezone.now()
    values: dict[str, Any] = {"network_id": network.pk, "now": now}
    values |= numbering("coordinated_", sorted(coordinated_network_ids(request.user)))
    # The terms from the first held meeting to the latest, from two aggregates: not one row per
    # meeting (decades of history), and no per-row date arithmetic, which SQLite does in Python.
    # A term in between without meetings is listed and says so.
    span = rows_by_shape(_past_span, **values)
    terms: list[Term] = []
    if span:
        each = Term.of(timezone.localdate(span[0][0]))
        last = Term.of(timezone.localdate(span[0][1]))
        while each <= last:
            terms.append(each)
            each = each.next()
        terms.reverse()
    asked = Term.from_code(request.GET.get("termin", ""))
    term = asked if asked in terms else (terms[0] if terms else None)
    context = {
        "network": network,
        "upcoming": by_shape(_upcoming, MEETINGS_PER_LIST, **values),
        "terms": terms[:TERM_LINKS],
        "term": term,
        "meetings": (
            by_shape(
                _past_in_term,
                first=local_midnight(term.first_day),
                after=local_midnight(term.last_day + datetime.timedelta(days=1)),
                **values,
            )
            if term
            else []
        ),
        "term_form": (
            PastTermForm(initial={"termin": term.code}, terms=terms)
            if term and len(terms) > TERM_LINKS
            else None
        ),
    }
    return render(request, "meetings/pages/network_meetings.html", context)


def _past(network_id: int, now, ids: dict) -> QuerySet:
    return Meeting.objects.seen_by(numbered(ids, "coordinated_")).filter(
        network_id=network_id, ends_at__lt=now
    )


def _past_span(network_id: int, now, limit: None, **ids) -> QuerySet:
    """The first and the latest start of the meetings held (one row; none without any)."""
    return (
        _past(network_id, now, ids)
        .order_by()
        .values("network_id")
        .annotate(first=Min("starts_at"), last=Max("starts_at"))
        .values_list("first", "last")
    )


def _past_in_term(network_id: int, now, first, after, limit: None, **ids) -> QuerySet:
    """`past().in_term(term)`: the term's meetings held, from its first local midnight to the
    one after its last day."""
    return (
        _past(network_id, now, ids)
        .filter(starts_at__gte=first, starts_at__lt=after)
        .order_by("starts_at")
    )


@require_safe
@login_required
def network_archive(request: HttpRequest, code: str) -> HttpResponse:
    """The old address of the past meetings: now the network's "Möten" page (the term kept)."""
    network = network_by_code(code)
    url = reverse("network_meetings", args=[network.code.lower()])
    if term := request.GET.get("termin"):
        url += "?" + urlencode({"termin": term})
    return redirect(url)


@require_safe
@login_required
def network_representatives(request: HttpRequest, code: str) -> HttpResponse:
    """Each active administration's current representative and substitute in the network, a
    page at a time ("Visa fler": an htmx request gets only the next rows)."""
    network = network_by_code(code)
    seats_page = paging.counted_page(
        request,
        Administration.objects.active().prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.current()
                .filter(network=network)
                .select_related("person")
                # Only what the table shows: the wide user rows (and their datetimes) are costly.
                .only("role", "administration", "person__full_name", "person__email")
                .order_by("role"),
                to_attr="current_appointments",
            )
        ),
        param=SEATS_PARAM,
    )
    seats = list(seats_page.object_list)
    for administration in seats:
        by_role = {a.role: a for a in administration.current_appointments}
        administration.representative = by_role.get(Appointment.Role.REPRESENTATIVE)
        administration.substitute = by_role.get(Appointment.Role.SUBSTITUTE)
    context: dict = {"network": network, "seats": seats, "seats_page": seats_page}
    if getattr(request, "htmx", False) and SEATS_PARAM in request.GET:
        return render(request, "meetings/pages/network_representatives.html#seat-rows", context)
    context["can_coordinate"] = is_coordinator(request.user, network)
    return render(request, "meetings/pages/network_representatives.html", context)


@require_safe
@login_required
def term_summary(request: HttpRequest, code: str, term: str) -> HttpResponse:
    """A network's term on one printable page: each meeting with its theme, the published
    agenda, the published minutes' outcomes and actions, and the documents presented. Only
    published versions, for everyone: this is the record, not the coordinators' drafts."""
    network = network_by_code(code)
    asked = Term.from_code(term)
    if asked is None:
        raise Http404
    meetings = list(
        Meeting.objects.visible_to(request.user)
        .filter(network=network)
        .in_term(asked)
        .prefetch_related(seen_agenda_prefetch())
    )
    minutes: dict[int, MinutesVersion] = {}
    for version in (
        MinutesVersion.objects.filter(minutes__meeting__in=[m.pk for m in meetings])
        .select_related("minutes")
        .order_by("number")
    ):
        minutes[version.minutes.meeting_id] = version  # the latest wins
    documents: dict[int, list[Document]] = {}
    for document in Document.objects.filter(meeting__in=[m.pk for m in meetings]).order_by(
        "title", "pk"
    ):
        documents.setdefault(document.meeting_id, []).append(document)  # type: ignore[arg-type]
    rows = [
        {
            "meeting": meeting,
            "agenda": seen_agenda(meeting),
            "minutes": minutes.get(meeting.pk),
            "documents": documents.get(meeting.pk, []),
        }
        for meeting in meetings
    ]
    context = {"network": network, "term": asked, "rows": rows}
    return render(request, "meetings/pages/term_summary.html", context)


@require_safe
@login_required
def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The meeting page. A coordinator's list of the administrations' answers is a page at a
    time ("Visa fler": an htmx request gets only the next administrations' rows)."""
    # The latest minutes version's number and date come with the meeting (one query less).
    meeting = visible_meeting(request, pk, latest_minutes_annotations())
    can_coordinate = is_coordinator(request.user, meeting.network)
    answers_page = paging.page_number(request, ANSWERS_PARAM)
    if can_coordinate and getattr(request, "htmx", False) and ANSWERS_PARAM in request.GET:
        context = participation_context(request.user, meeting, pages=(answers_page, answers_page))
        context.update(meeting=meeting, appended=True)
        return render(request, "meetings/participation/_participation.html#answer-rows", context)
    # Everyone reads the latest published version (the snapshot), never the live draft.
    agenda_version, agenda = published_agenda(meeting)
    context = {
        "meeting": meeting,
        "work_areas": _MEETING_WORK_AREAS.objects(meeting_id=meeting.pk),
        "agenda": agenda,
        "agenda_version": agenda_version,
        "agenda_minutes": sum(
            item["minutes"] if isinstance(item, dict) else item.minutes for item in agenda
        ),
        "can_coordinate": can_coordinate,
        "can_propose": can_propose_for(request.user, meeting),
        "meeting_documents": documents.meeting_documents(meeting),
    }
    context.update(participation_context(request.user, meeting, pages=(answers_page, answers_page)))
    if context["can_take_part"] and context["answers"] is None:
        meeting.answer_form = answer_form_for(meeting, person=request.user)  # type: ignore[attr-defined]
    context.update(meeting_minutes_context(meeting))
    return render(request, "meetings/pages/meeting_detail.html", context)
