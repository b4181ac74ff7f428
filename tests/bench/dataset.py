"""The benchmark's dataset: a large municipality, built fast with bulk_create.

Built in two steps so query counts can be compared at two sizes: `build(SMALL)` makes about a
twentieth of the data (2 administrations, 100 users, the current and next term, 1,000 agenda
items), `grow()` adds the rest (40 administrations, 2,000 users, ten years of meetings in both
networks, 20,000 agenda items in all). The measured objects (the `Subjects`) are the same
before and after growing, so a page's query count must not change.

Everything is deterministic (a seeded random generator); every person shares one precomputed
password hash.
"""

import contextlib
import dataclasses
import datetime
import itertools
import random
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from meetings.agenda import versions as agenda_versions
from meetings.calendar import ics as calendar
from meetings.models import AgendaItem, AgendaVersion, Meeting
from meetings.terms import Term
from networks.models import Network
from representatives.models import Administration, Appointment

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PASSWORD = "bench-password"


@dataclasses.dataclass(frozen=True)
class Size:
    administrations: int
    users: int
    terms: int  # terms of meetings, counted back from the next term
    agenda_items: int
    documents: int = 10  # per network
    actions: int = 20
    questions: int = 20
    goals: int = 3  # per network
    wishes: int = 10
    invitations: int = 3  # per published meeting
    attendance: int = 12  # people answering and attending each held meeting
    history: int = 5  # change-history rows per meeting


# 1x: a municipality after ten years. Tens of proposals per meeting (about 30), most actions
# done, attendance and evaluations at every held meeting, invitations, calendar links, history.
ONE = Size(
    administrations=40,
    users=2000,
    terms=21,
    agenda_items=4500,
    documents=300,
    actions=400,
    questions=400,
    goals=40,
    wishes=300,
)
MINIMUM = Size(administrations=2, users=100, terms=2, agenda_items=400)


def scaled(factor: float) -> Size:
    """ONE times `factor`, each count at least MINIMUM's (a tenth of 1x still has two terms)."""
    fields = dataclasses.fields(Size)
    return Size(
        **{
            f.name: max(getattr(MINIMUM, f.name), round(getattr(ONE, f.name) * factor))
            if f.name not in ("invitations", "attendance", "history")
            else getattr(ONE, f.name)
            for f in fields
        }
    )


def sizes(scale: int) -> tuple[Size, Size]:
    """The two measured sizes: a tenth of `scale`, and `scale` (1: 0.1x and 1x; 10: 1x, 10x)."""
    return scaled(scale / 10), scaled(scale)


FULL = ONE
SMALL = scaled(0.1)


@dataclasses.dataclass
class Subjects:
    """The objects the measured pages are about; pages in `pages.py` take their URLs from here."""

    user: User  # coordinator of both networks: sees the most (planned meetings, drafts)
    network: Network
    meeting: Meeting  # the next published meeting with a published agenda
    administration: Administration
    feed_secret: str = ""  # the user's personal calendar feed (made once, in `build`)
    held: Meeting | None = None  # the latest held NEH meeting, with minutes v1, v2 and actions
    network_feed_secret: str = ""  # the coordinator's NEH network feed

    def people(self) -> dict[str, User]:
        """One person per measured role: the coordinator, NEH's representative and the director
        of the first administration, and a signed-in member of staff with no role."""
        first = Administration.objects.order_by("short_name").first()
        seat = Appointment.objects.current().get(
            administration=first, network=self.network, role=Appointment.Role.REPRESENTATIVE
        )
        staff = (
            User.objects.filter(email__endswith="@bench.example.org", appointments__isnull=True)
            .exclude(pk=self.user.pk)
            .exclude(directed_administrations__isnull=False)
            .order_by("pk")
            .first()
        )
        return {
            "coordinator": self.user,
            "representative": seat.person,
            "director": first.director,
            "staff": staff,
        }


# The secrets of the feeds are stored nowhere but here (only their hashes are in the database).
_feed_secret = ""
_network_feed_secret = ""


def wipe() -> None:
    """Remove everything but the networks and work areas the migrations created."""
    from meetings.models import (
        ActionItem,
        AgendaVersion,
        ConsultationResponse,
        Document,
        Goal,
        Indicator,
        IndicatorValue,
        Minutes,
        MinutesEntry,
        MinutesVersion,
        Question,
        QuestionEvent,
        ReportBack,
        ThemeSuggestion,
    )

    with transaction.atomic():
        Meeting.history.model.objects.all().delete()
        ReportBack.objects.all().delete()
        # The minutes protect their meeting and agenda items: without this a second run failed.
        MinutesVersion.objects.all().delete()
        MinutesEntry.objects.all().delete()
        Minutes.objects.all().delete()
        ThemeSuggestion.objects.all().delete()
        ActionItem.objects.all().delete()
        QuestionEvent.objects.all().delete()  # protects its question
        Question.objects.all().delete()
        ConsultationResponse.objects.all().delete()  # protects its document
        Document.objects.all().delete()
        AgendaItem.objects.all().delete()
        IndicatorValue.objects.all().delete()  # goals protect their indicators and values
        Indicator.objects.all().delete()
        Goal.objects.all().delete()
        AgendaVersion.objects.all().delete()  # protects its meeting
        Meeting.objects.all().delete()
        Appointment.objects.all().delete()
        Administration.objects.all().delete()
        for network in Network.objects.all():
            network.coordinators.clear()
        Session.objects.all().delete()
        EmailAddress.objects.all().delete()
        User.objects.all().delete()


@contextlib.contextmanager
def _given_times(model, name: str):
    """Lets bulk_create keep the times the dataset gives an `auto_now_add` field: history is
    spread over the years, as in a real database, instead of every row made "now" (which put
    ten years of proposals into the coordinators' last 24 hours)."""
    field = model._meta.get_field(name)
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _users(first: int, last: int, password: str) -> list[User]:
    people = [
        User(
            email=f"person{n}@bench.example.org",
            full_name=f"Person {n} Benchsson",
            password=password,
        )
        for n in range(first, last)
    ]
    User.objects.bulk_create(people, batch_size=500)
    people = list(User.objects.filter(email__endswith="@bench.example.org").order_by("pk"))[
        first:last
    ]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in people],
        batch_size=500,
    )
    return people


def _terms(count: int, today: datetime.date) -> list[Term]:
    """`count` terms ending with the next term, newest first."""
    terms = [Term.of(today).next()]
    while len(terms) < count:
        previous = terms[-1]
        terms.append(
            Term(previous.year, "VT") if previous.season == "HT" else Term(previous.year - 1, "HT")
        )
    return terms


def _meetings(network: Network, terms: list[Term], today: datetime.date) -> list[Meeting]:
    meetings = []
    hour = 9 if network.code == "NEH" else 13
    for term in terms:
        count = 4 if term.year % 2 else 3
        for index in range(count):
            day = term.first_day + datetime.timedelta(days=21 + 35 * index)
            starts_at = datetime.datetime.combine(day, datetime.time(hour), STOCKHOLM)
            soon = day >= today and (day - today).days <= 120
            published = day < today or soon
            meetings.append(
                Meeting(
                    network=network,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=2),
                    place="Stadshuset",
                    theme_title=f"{network.code} tema {term} nr {index + 1}" if published else "",
                    theme_description="Ett tema för benchmarken. " * 5 if published else "",
                    status=Meeting.Status.PUBLISHED if published else Meeting.Status.PLANNED,
                    published_at=timezone.now() if published else None,
                    agenda_published_at=timezone.now() if published else None,
                )
            )
    Meeting.objects.bulk_create(meetings)
    return meetings


def _agenda_items(count: int, rng: random.Random, administrations, people) -> None:
    """Spread `count` items over all meetings; about one in ten is accepted onto the agenda."""
    meetings = list(Meeting.objects.select_related("network").order_by("pk"))
    areas = {n.pk: list(n.work_areas.all()) for n in Network.objects.all()}
    positions = dict(
        AgendaItem.objects.filter(position__isnull=False)
        .values("meeting")
        .annotate(last=Max("position"))
        .values_list("meeting", "last")
    )
    statuses = [s for s in AgendaItem.Status if s != AgendaItem.Status.ACCEPTED]
    now = timezone.now()
    items = []
    for n in range(count):
        meeting = meetings[n % len(meetings)]
        accepted = rng.random() < 0.1
        position = None
        if accepted:
            position = positions.get(meeting.pk, 0) + 1
            positions[meeting.pk] = position
        items.append(
            AgendaItem(
                meeting=meeting,
                title=f"Punkt {n}: {rng.choice(['Information', 'Diskussion', 'Remiss'])}",
                description="Beskrivning av punkten. " * rng.randint(1, 10),
                kind=rng.choice(list(AgendaItem.Kind)),
                status=AgendaItem.Status.ACCEPTED if accepted else rng.choice(statuses),
                wished_minutes=rng.choice([10, 15, 20, 30]),
                position=position,
                work_area=rng.choice(areas[meeting.network_id] or [None]),
                proposed_by=rng.choice(people),
                administration=rng.choice(administrations),
                # Proposed one to four weeks before the meeting; for coming meetings, over the
                # last weeks.
                created_at=min(
                    meeting.starts_at - datetime.timedelta(days=7 + n % 21),
                    now - datetime.timedelta(hours=n % 400),
                ),
            )
        )
    with _given_times(AgendaItem, "created_at"):
        AgendaItem.objects.bulk_create(items, batch_size=1000)


PEOPLE_PER_ADMINISTRATION = 6  # director, 2 networks x (representative, substitute), a former one


def _administrations(first: int, last: int, people: list[User], today) -> list[Administration]:
    """Administrations with a director and, in both networks, a current representative and
    substitute plus an ended appointment (history), taking their people from `people`."""
    Administration.objects.bulk_create(
        [
            Administration(
                name=f"Förvaltning {n:02d}",
                short_name=f"F{n:02d}",
                director=people[PEOPLE_PER_ADMINISTRATION * i],
            )
            for i, n in enumerate(range(first, last))
        ]
    )
    created = list(
        Administration.objects.filter(
            short_name__in=[f"F{n:02d}" for n in range(first, last)]
        ).order_by("short_name")
    )
    appointments = []
    for i, administration in enumerate(created):
        own = iter(people[PEOPLE_PER_ADMINISTRATION * i + 1 : PEOPLE_PER_ADMINISTRATION * (i + 1)])
        former = people[PEOPLE_PER_ADMINISTRATION * (i + 1) - 1]
        for network in Network.objects.order_by("code"):
            for role in Appointment.Role:
                appointments.append(
                    Appointment(
                        person=next(own),
                        administration=administration,
                        network=network,
                        role=role,
                        appointed_by=administration.director,
                        start_date=today - datetime.timedelta(days=300),
                    )
                )
            appointments.append(
                Appointment(
                    person=former,
                    administration=administration,
                    network=network,
                    role=Appointment.Role.REPRESENTATIVE,
                    start_date=today - datetime.timedelta(days=2000),
                    end_date=today - datetime.timedelta(days=301),
                )
            )
    Appointment.objects.bulk_create(appointments)
    return created


def _documents(count: int, today: datetime.date) -> None:
    """Documents in both networks; every third a consultation asking every administration."""
    from meetings.models import ConsultationResponse, Document

    administrations = list(Administration.objects.all())
    now = timezone.now()
    for network in Network.objects.order_by("code"):
        start = Document.objects.filter(network=network).count()
        with _given_times(Document, "created_at"):
            documents = Document.objects.bulk_create(
                [
                    Document(
                        network=network,
                        title=f"Dokument {network.code} {n}",
                        kind=Document.Kind.CONSULTATION if n % 3 == 0 else Document.Kind.REPORT,
                        url=f"https://www.example.org/dokument/{n}",
                        deadline=_deadline(n, today) if n % 3 == 0 else None,
                        created_at=now - datetime.timedelta(days=start + count - n),  # one a day
                    )
                    for n in range(start, start + count)
                ]
            )
        ConsultationResponse.objects.bulk_create(
            [
                ConsultationResponse(document=document, administration=administration)
                for document in documents
                if document.is_consultation
                for administration in administrations
            ],
            batch_size=1000,
        )
        for area in network.work_areas.all()[:2]:
            area.documents.add(*documents)


def _deadline(n: int, today: datetime.date) -> datetime.date:
    """The n-th document's consultation deadline: the first ones around today (open, and just
    passed), the rest spread over the ten years back, as a network's history has them (a few
    dozen a year), not all in the same three months."""
    if n < 90:
        return today + datetime.timedelta(days=n - 30)
    return today - datetime.timedelta(days=(n * 37) % 3650)


def _goals(count: int, first_year: int, last_year: int) -> None:
    """Goals in both networks with two indicators each, a value per year from `first_year`
    to `last_year`, and two actions per goal on the network's first meeting; the measured
    (first) goal also gets the values' years and a goal follow-up on every published meeting."""
    from decimal import Decimal

    from meetings.models import ActionItem, Goal, Indicator, IndicatorValue

    administrations = list(Administration.objects.order_by("pk"))
    for network in Network.objects.order_by("code"):
        areas = list(network.work_areas.all())
        start = Goal.objects.filter(work_area__network=network).count()
        goals = Goal.objects.bulk_create(
            [
                Goal(
                    work_area=areas[n % len(areas)],
                    title=f"Mål {network.code} {n}",
                    target_year=2035,
                )
                for n in range(start, start + count)
            ]
        )
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(
                    goal=goal,
                    name=f"Indikator {k} för {goal.title}",
                    unit="ton",
                    baseline_year=1990,
                    baseline_value=Decimal(1000),
                    target_value=Decimal(0),
                    responsible_administration=administrations[k % len(administrations)],
                )
                for goal in goals
                for k in range(2)
            ]
        )
        measured = Goal.objects.filter(work_area__network=network).order_by("pk").first()
        indicators += list(measured.indicators.all())
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(indicator=indicator, year=year, value=Decimal(2040 - year))
                for indicator in indicators
                for year in range(first_year, last_year + 1)
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        meetings = list(Meeting.objects.filter(network=network).order_by("starts_at"))
        actions = ActionItem.objects.bulk_create(
            [
                ActionItem(
                    meeting=meetings[0],
                    title=f"Åtgärd {n} för {goal.title}",
                    due_on=datetime.date(2030, 1, 1),
                    goal=measured if n % 2 else goal,
                )
                for goal in goals
                for n in range(2)
            ]
        )
        # Each for one administration, in turn: a goal's actions are spread over the
        # organisation, not all one administration's.
        ActionItem.administrations.through.objects.bulk_create(
            ActionItem.administrations.through(
                actionitem_id=action.pk,
                administration_id=administrations[(start * 2 + n) % len(administrations)].pk,
            )
            for n, action in enumerate(actions)
        )
        published = [m for m in meetings if m.status == Meeting.Status.PUBLISHED]
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    meeting=meeting,
                    title=f"Måluppföljning {first_year}",
                    kind=AgendaItem.Kind.GOAL_FOLLOW_UP,
                    status=AgendaItem.Status.ACCEPTED,
                    position=1000 + first_year,  # last on the agenda, one per call
                    goal=measured,
                )
                for meeting in published
            ]
        )


@transaction.atomic
def build(size: Size = SMALL) -> Subjects:
    """A fresh small dataset (call `wipe()` first)."""
    today = timezone.localdate()
    password = make_password(PASSWORD)  # once: hashing is deliberately slow
    people = _users(0, size.users, password)
    coordinator = people[0]
    for network in Network.objects.all():
        network.coordinators.add(coordinator)
    administrations = _administrations(0, size.administrations, people[1:], today)
    for network in Network.objects.all():
        _meetings(network, _terms(size.terms, today), today)
    _agenda_items(size.agenda_items, random.Random(1), administrations, people)
    _member_coordinator(coordinator, today)
    _agenda_versions(subjects().meeting, coordinator)
    global _feed_secret, _network_feed_secret
    _feed_secret = calendar.new_token(coordinator)
    _network_feed_secret = calendar.new_token(coordinator, Network.objects.get(code="NEH"))
    _documents(size.documents, today)
    _theme_wishes(size.wishes)
    _evaluations(people[1:11], coordinator)
    _report_back(coordinator, today)
    _minutes(coordinator, size.actions)
    if _held_meeting() is not None:  # a held meeting's agenda was published too
        _agenda_versions(_held_meeting(), coordinator)
    _questions(size.questions, random.Random(3), today)
    _goals(size.goals, 2015, 2019)
    _held_meetings_taken_part(size)
    _invitations(size, people)
    _calendar_links(people)
    _history(size)
    _earlier_visits()
    return subjects()


def _earlier_visits() -> None:
    """The measured people last looked at NEH's overview a month ago, so it lists what changed
    since ("Sedan ditt senaste besök"), as a returning visitor's does."""
    from meetings.models import NetworkVisit

    found = subjects()
    month_ago = timezone.now() - datetime.timedelta(days=30)
    for person in found.people().values():
        NetworkVisit.objects.update_or_create(
            user=person,
            network=found.network,
            defaults={"seen_at": month_ago, "previous_seen_at": None},
        )


def _member_coordinator(coordinator: User, today: datetime.date) -> None:
    """The measured user also represents an administration of their own in NEH, so the
    representatives' pages (proposals) can be measured as the same user."""
    own = Administration.objects.create(name="Samordnarnas förvaltning", short_name="ZZ")
    Appointment.objects.create(
        person=coordinator,
        administration=own,
        network=Network.objects.get(code="NEH"),
        role=Appointment.Role.REPRESENTATIVE,
        start_date=today - datetime.timedelta(days=300),
    )


REPORT_BACK_THEME = "Hållet möte med återrapport"


def _report_back(coordinator: User, today: datetime.date) -> None:
    """A held NEH meeting whose pack the measured user's own administration has presented,
    with a question and an action of that administration (the report-back pages)."""
    from meetings.models import ActionItem, Question, ReportBack

    neh = Network.objects.get(code="NEH")
    own = Administration.objects.get(short_name="ZZ")
    # Held the day before the term's last held meeting, so that meeting's evaluation window
    # (open until the network's next meeting starts) stays open for the evaluation pages.
    last = last_held(neh)
    if last is not None:
        starts_at = last.starts_at - datetime.timedelta(days=1)
    else:
        starts_at = timezone.now().replace(minute=0, second=0, microsecond=0)
        starts_at -= datetime.timedelta(days=5)
    held = Meeting.objects.create(
        network=neh,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        theme_title=REPORT_BACK_THEME,
        status=Meeting.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    Question.objects.create(
        network=neh,
        administration=own,
        title="En fråga från ledningsgruppen",
        raised_on=today - datetime.timedelta(days=30),
        state=Question.State.OUTCOME,
        meeting=held,
        outcome="Ett utfall.",
    )
    action = ActionItem.objects.create(
        meeting=held, title="En åtgärd", due_on=today + datetime.timedelta(days=30)
    )
    action.administrations.add(own)
    ReportBack.objects.create(
        meeting=held, administration=own, presented_on=today, marked_by=coordinator
    )


def _agenda_versions(meeting: Meeting, by: User) -> None:
    """Two published versions of the measured meeting's agenda (the second adds its last item)."""
    items = agenda_versions.snapshot(agenda_versions.draft_items(meeting))
    AgendaVersion.objects.bulk_create(
        [
            AgendaVersion(meeting=meeting, number=1, published_by=by, snapshot=items[:-1]),
            AgendaVersion(
                meeting=meeting,
                number=2,
                published_by=by,
                change_note="En punkt till.",
                snapshot=items,
            ),
        ]
    )


@transaction.atomic
def grow(small: Size = SMALL, full: Size = FULL) -> Subjects:
    """Add to a small dataset until it has the full size; the subjects stay the same."""
    today = timezone.localdate()
    password = User.objects.values_list("password", flat=True).first()
    people = _users(small.users, full.users, password)
    administrations = _administrations(small.administrations, full.administrations, people, today)
    for network in Network.objects.all():
        _meetings(network, _terms(full.terms, today)[small.terms :], today)
    everyone = list(User.objects.order_by("pk"))
    _agenda_items(
        full.agenda_items - small.agenda_items,
        random.Random(2),
        list(Administration.objects.all()) or administrations,
        everyone,
    )
    _documents(full.documents - small.documents, today)
    _theme_wishes(full.wishes - small.wishes)
    _evaluations(people[:200])
    _actions(full.actions - small.actions, Meeting.objects.filter(network__code="NEH").past()[1:])
    _questions(full.questions - small.questions, random.Random(4), today)
    _goals(full.goals - small.goals, 1995, 2014)
    _held_meetings_taken_part(full)
    _invitations(full, people)
    _calendar_links(people)
    _history(full)
    _earlier_visits()
    return subjects()


def _held_meetings_taken_part(size: Size) -> None:
    """Every held meeting has answers, attendance and evaluations from `size.attendance` of
    the network's people (the same few for the meetings of a term), added where missing."""
    from meetings.models import Attendance, Evaluation

    held = list(
        Meeting.objects.filter(status=Meeting.Status.PUBLISHED)
        .past()
        .filter(attendances__isnull=True)
        .values_list("pk", "network_id")
    )
    seats = {}
    for network_id, person_id in (
        Appointment.objects.filter(role=Appointment.Role.REPRESENTATIVE)
        .order_by("pk")
        .values_list("network_id", "person_id")
    ):
        seats.setdefault(network_id, []).append(person_id)
    attendance, evaluations = [], []
    for n, (meeting_id, network_id) in enumerate(held):
        people = seats.get(network_id, [])
        for k in range(min(size.attendance, len(people))):
            person_id = people[(n + k) % len(people)]
            attendance.append(
                Attendance(
                    meeting_id=meeting_id,
                    person_id=person_id,
                    answer=Attendance.Answer.COMING,
                    attended=k % 6 != 5,
                )
            )
            if k % 2 == 0:
                evaluations.append(
                    Evaluation(
                        meeting_id=meeting_id,
                        person_id=person_id,
                        usefulness=1 + (n + k) % 5,
                        length="right",
                        preferred_format="on_site",
                    )
                )
    Attendance.objects.bulk_create(attendance, batch_size=1000, ignore_conflicts=True)
    Evaluation.objects.bulk_create(evaluations, batch_size=1000, ignore_conflicts=True)


def _invitations(size: Size, people: list[User]) -> None:
    """Colleagues invited to the published meetings that have none yet."""
    from meetings.models import Invitation

    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.PUBLISHED, invitations__isnull=True
        ).values_list("pk", flat=True)
    )
    seats = list(Appointment.objects.current().order_by("pk")[:50])
    if not seats:
        return
    made = []
    for n, meeting_id in enumerate(meetings):
        for k in range(size.invitations):
            seat = seats[(n + k) % len(seats)]
            made.append(
                Invitation(
                    meeting_id=meeting_id,
                    invited_by_id=seat.person_id,
                    administration_id=seat.administration_id,
                    full_name=f"Kollega {n}-{k}",
                    email=f"kollega{n}-{k}@bench.example.org",
                    reason="Expert på temat.",
                    token_hash=f"bench-invitation-{meeting_id}-{k}",
                )
            )
    Invitation.objects.bulk_create(made, batch_size=1000)


def _calendar_links(people: list[User]) -> None:
    """Personal calendar links for every other person (their secrets are never used)."""
    from meetings.models import CalendarToken

    CalendarToken.objects.bulk_create(
        [
            CalendarToken(
                user=person, kind=CalendarToken.Kind.PERSONAL, token_hash=f"bench-{person.pk}"
            )
            for person in people[1::2]
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def _history(size: Size) -> None:
    """Change-history rows for every meeting that has none: as if each had been edited a few
    times (a bulk load writes no history by itself)."""
    history = Meeting.history.model
    seen = set(history.objects.values_list("id", flat=True).distinct())
    rows = []
    for meeting in Meeting.objects.exclude(pk__in=seen).order_by("pk"):
        for n in range(size.history):
            row = history(
                **{f.attname: getattr(meeting, f.attname) for f in Meeting._meta.concrete_fields},
                history_date=meeting.starts_at - datetime.timedelta(days=30 - n),
                history_type="+" if n == 0 else "~",
                history_change_reason="",
            )
            rows.append(row)
    history.objects.bulk_create(rows, batch_size=1000)


def last_held(network: Network) -> Meeting:
    """The last held meeting of the term's ordinary series (not the report-back pages' own)."""
    return (
        Meeting.objects.filter(network=network, status=Meeting.Status.PUBLISHED)
        .exclude(theme_title=REPORT_BACK_THEME)
        .past()
        .first()
    )


def _evaluations(people: list[User], attendee: User | None = None) -> None:
    """Attendance and an evaluation of each person at the last held NEH meeting, and at every
    held meeting of its term; `attendee` (the measured user) attended without answering."""
    from meetings.models import Attendance, Evaluation

    network = Network.objects.get(code="NEH")
    last = last_held(network)
    meetings = list(
        Meeting.objects.filter(network=network, status=Meeting.Status.PUBLISHED)
        .past()
        .in_term(last.term)
    )
    attending = [*people, attendee] if attendee else people
    Attendance.objects.bulk_create(
        [Attendance(meeting=m, person=p, attended=True) for m in meetings for p in attending],
        batch_size=1000,
    )
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                meeting=m,
                person=p,
                usefulness=1 + n % 5,
                length=["too_short", "right", "too_long"][n % 3],
                preferred_format=["on_site", "digital", "hybrid"][n % 3],
                comment=f"Kommentar {n}" if n % 2 else "",
            )
            for m in meetings
            for n, p in enumerate(people)
        ],
        batch_size=1000,
    )


def _held_meeting() -> Meeting | None:
    return (
        Meeting.objects.filter(network__code="NEH", status=Meeting.Status.PUBLISHED).past().first()
    )


def _minutes(coordinator: User, actions: int) -> None:
    """Minutes of the latest held NEH meeting (a draft note per item, two published versions)
    and `actions` action items on it."""
    from meetings.minutes import workflow as minutes
    from meetings.models import MinutesEntry

    held = _held_meeting()
    if held is None:
        return
    items = list(held.agenda_items.filter(status=AgendaItem.Status.ACCEPTED))
    draft = minutes.save_draft(held, coordinator, "Sammanfattning av *mötet*.", {}, seen_version=0)
    MinutesEntry.objects.bulk_create(
        MinutesEntry(minutes=draft, agenda_item=item, note="**Anteckning**", outcome="Beslut.")
        for item in items
    )
    _actions(actions, [held])
    minutes.publish(held, coordinator, "", 0, draft_version=draft.version)
    draft.summary = "Rättad sammanfattning."
    draft.save()
    minutes.publish(held, coordinator, "Rättat.", 1, draft_version=draft.version)


def _actions(count: int, meetings) -> None:
    """`count` action items spread over `meetings`, each for one or two administrations."""
    from meetings.models import ActionItem

    meetings = list(meetings)
    administrations = list(Administration.objects.order_by("pk"))
    if not meetings or not administrations:
        return
    # Most are done (six in seven); the open ones are due at various times after their meeting.
    made = ActionItem.objects.bulk_create(
        ActionItem(
            meeting=meetings[n % len(meetings)],
            title=f"Åtgärd {n}",
            due_on=timezone.localdate(meetings[n % len(meetings)].starts_at)
            + datetime.timedelta(days=30 + n % 60),
            status=ActionItem.Status.OPEN if n % 7 == 0 else ActionItem.Status.DONE,
            done_at=None if n % 7 == 0 else meetings[n % len(meetings)].starts_at,
        )
        for n in range(count)
    )
    through = ActionItem.administrations.through
    through.objects.bulk_create(
        through(actionitem_id=action.pk, administration_id=pick.pk)
        for action, pick in zip(made, itertools.cycle(administrations), strict=False)
    )


def _questions(count: int, rng: random.Random, today: datetime.date) -> None:
    """Questions of the management groups in every state, each with a short trail.
    The first ever made is the measured one: the coordinators' own administration's, raised."""
    from meetings.models import Question, QuestionEvent

    State = Question.State
    networks = list(Network.objects.order_by("code"))
    administrations = list(Administration.objects.order_by("pk"))
    held = {
        n.pk: Meeting.objects.filter(network=n, starts_at__lt=timezone.now()).first()
        for n in networks
    }
    first = not Question.objects.exists()
    made = []
    for n in range(count):
        network = networks[n % len(networks)]
        state = State.RAISED if first and n == 0 else rng.choice(list(State))
        with_meeting = state in (State.DEALT_WITH, State.OUTCOME, State.REPORTED_BACK, State.CLOSED)
        if with_meeting and held[network.pk] is None:
            state, with_meeting = State.RAISED, False
        made.append(
            Question(
                network=network,
                administration=(
                    Administration.objects.get(short_name="ZZ")
                    if first and n == 0
                    else rng.choice(administrations)
                ),
                title=f"Fråga {n} från ledningsgruppen",
                description="Bakgrund till frågan. " * rng.randint(1, 5),
                raised_on=today - datetime.timedelta(days=rng.randint(1, 700)),
                state=state,
                meeting=held[network.pk] if with_meeting else None,
                referred_to=network if state == State.REFERRED else None,
                outcome="Utfall." if with_meeting else "",
            )
        )
    made = Question.objects.bulk_create(made)
    now = timezone.now()
    zone = timezone.get_current_timezone()

    def raised(q) -> datetime.datetime:
        return datetime.datetime.combine(q.raised_on, datetime.time(12), zone)

    # Raised on the day the question says, the latest step two weeks later (or now).
    with _given_times(QuestionEvent, "at"):
        QuestionEvent.objects.bulk_create(
            QuestionEvent(
                question=q,
                state=state,
                note="Steg.",
                at=raised(q)
                if state == State.RAISED
                else min(now, raised(q) + datetime.timedelta(days=14)),
            )
            for q in made
            for state in (State.RAISED, q.state)
        )


def subjects() -> Subjects:
    network = Network.objects.get(code="NEH")
    with_agenda = Meeting.objects.filter(network=network, status=Meeting.Status.PUBLISHED).exclude(
        agenda_published_at=None
    )
    meeting = with_agenda.upcoming().first() or with_agenda.past().first()
    return Subjects(
        user=User.objects.order_by("pk").first(),
        network=network,
        meeting=meeting,
        administration=Administration.objects.order_by("short_name").first(),
        feed_secret=_feed_secret,
        held=_held_meeting(),
        network_feed_secret=_network_feed_secret,
    )


def _theme_wishes(count: int) -> None:
    """Theme suggestions in NEH by its members, each supported by a few others, every fourth
    closed."""
    from meetings.models import ThemeSuggestion, ThemeSupport

    network = Network.objects.get(code="NEH")
    seats = list(Appointment.objects.current().filter(network=network).order_by("pk"))
    area = network.work_areas.active().first()
    if not seats or area is None:
        return
    start = ThemeSuggestion.objects.filter(network=network).count()
    now = timezone.now()
    with _given_times(ThemeSuggestion, "created_at"):
        suggestions = ThemeSuggestion.objects.bulk_create(
            ThemeSuggestion(
                network=network,
                title=f"Temaförslag {n}",
                why="Förvaltningarna vill ta upp det.",
                work_area=area,
                suggested_by_id=seats[n % len(seats)].person_id,
                administration_id=seats[n % len(seats)].administration_id,
                status="closed" if n % 4 == 3 else "open",
                closed_reason="Nej." if n % 4 == 3 else "",
                created_at=now - datetime.timedelta(days=start + count - n),  # one a day
            )
            for n in range(start, start + count)
        )
    supports = []
    for n, suggestion in enumerate(suggestions):
        people = {seats[(n + k) % len(seats)].person_id for k in range(1, 4)}
        people.discard(suggestion.suggested_by_id)
        supports += [ThemeSupport(suggestion=suggestion, person_id=p) for p in people]
    ThemeSupport.objects.bulk_create(supports)
