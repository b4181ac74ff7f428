"""The demo municipality: administrations, people, appointments, meetings and agenda items.

Used by `manage.py seed_demo`. Dates are laid relative to today, so the demo always has
meetings in the past, this term and next term.
"""

import dataclasses
import datetime
import functools
import itertools
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from meetings.agenda import demo as agenda_demo
from meetings.coordination import demo as coordination_demo
from meetings.documents import demo as documents_demo
from meetings.evaluations import demo as evaluations_demo
from meetings.goals import demo as goals_demo
from meetings.history import demo as history_demo
from meetings.holidays import is_meeting_day
from meetings.minutes import demo as minutes_demo
from meetings.models import (
    AgendaItem,
    Meeting,
)
from meetings.outbox import demo as outbox_demo
from meetings.participation import demo as participation_demo
from meetings.questions import demo as questions_demo
from meetings.report_back import demo as report_back_demo
from meetings.terms import Term
from meetings.visits import demo as visits_demo
from meetings.wishes import demo as wishes_demo
from networks.models import Network
from representatives.models import Administration, Appointment

DEMO_PASSWORD = "hallbarhet-demo"
STOCKHOLM = ZoneInfo("Europe/Stockholm")

# (e-mail, full name, what the account is for)
DEMO_ACCOUNTS = [
    ("samordnare@example.org", "Sara Lindqvist", "samordnare för NSH och NEH"),
    ("direktor.miljo@example.org", "Magnus Ek", "förvaltningsdirektör, Miljöförvaltningen"),
    ("representant.miljo@example.org", "Elin Berg", "representant för Miljöförvaltningen i NEH"),
    (
        "representant.social@example.org",
        "Johan Nyström",
        "representant för Socialförvaltningen i NSH",
    ),
    ("ersattare.miljo@example.org", "Fatima Hassan", "ersättare för Miljöförvaltningen i NEH"),
    ("medarbetare@example.org", "Karin Holm", "inloggad medarbetare utan roll"),
    ("admin@example.org", "Anders Vik", "systemförvaltare (Django admin)"),
]

ADMINISTRATIONS = [
    ("Kommunledningsförvaltningen", "KLF"),
    ("Miljöförvaltningen", "MF"),
    ("Socialförvaltningen", "SOC"),
    ("Barn- och utbildningsförvaltningen", "BUF"),
    ("Kultur- och fritidsförvaltningen", "KFF"),
    ("Samhällsbyggnadsförvaltningen", "SBF"),
    ("Vård- och omsorgsförvaltningen", "VOF"),
    ("Tekniska förvaltningen", "TF"),
    ("Arbetsmarknadsförvaltningen", "AMF"),
    ("Serviceförvaltningen", "SF"),
]

FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Eva", "Karl", "Sofia", "Per", "Ingrid", "Nils",
    "Lena", "Olof", "Hanna", "Mikael", "Emma", "Jonas", "Amina", "Peter", "Linnea", "Ali",
    "Helena", "Gustav", "Maja", "Oskar", "Ida", "Henrik", "Sanna", "Mohammed", "Frida", "Björn",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Axelsson",
    "Lundgren", "Berglund", "Sandberg", "Forsberg", "Sjöberg", "Wallin", "Engström",
]  # fmt: skip

THEMES = {
    "NSH": [
        ("Barnets rättigheter i budgetarbetet", "Barnkonventionen, barnperspektiv"),
        ("Jämställdhetsintegrering i verksamhetsplanerna", "Implementering av CEMR-deklarationen"),
        ("Samverkan med civilsamhället: nytt överenskommelseavtal", "Samordning av kommunens"),
        ("Folkhälsodata per kommundel", "Folkhälsofrågor"),
        ("Nationella minoriteters rätt till inflytande", "Nationella minoriteter"),
        ("Lägesbild segregation 2027", "Arbetet mot segregation"),
        ("Landsbygdsdialoger och service på landsbygden", "Landsbygdsfrågor"),
        ("Diskrimineringsgrunderna i rekrytering", "Mänskliga rättigheter"),
    ],
    "NEH": [
        ("Handlingsplan för koldioxidneutralitet", "Koldioxidmålet"),
        ("Kemikaliesmart förskola", "Giftfri miljö"),
        ("Remiss: ny avfallsplan", "Ny avfallsplan"),
        ("Skyfall och värmeböljor: klimatanpassning i planeringen", "Klimatanpassning"),
        ("Solel på kommunens tak", "Koldioxidmålet"),
        ("Gemensam miljökommunikation under Earth Hour", "Miljökommunikation"),
        ("Matsvinn och återbruk i verksamheterna", "Ny avfallsplan"),
        ("Energi- och klimatprogrammet: uppföljning", "Koldioxidmålet"),
    ],
}

AGENDA_ITEMS = [
    ("Information från hållbarhetsenheten", AgendaItem.Kind.INFORMATION, 15),
    ("Erfarenhetsutbyte: så arbetar förvaltningarna med temat", AgendaItem.Kind.EXPERIENCE, 40),
    ("Diskussion: gemensamma prioriteringar", AgendaItem.Kind.DISCUSSION, 30),
    ("Remissvar: kommunens styrdokument", AgendaItem.Kind.CONSULTATION, 20),
]


@dataclasses.dataclass(frozen=True)
class World:
    """What every feature's demo builds on: the day the demo is laid around, the networks and
    administrations by code, and the demo accounts by e-mail."""

    today: datetime.date
    networks: dict[str, Network]
    administrations: dict[str, Administration]
    accounts: dict[str, User]

    @property
    def coordinator(self) -> User:
        return self.accounts["samordnare@example.org"]


# Each feature's `build(world)`, in order, after the base world (people, seats, meetings and
# their agendas): the questions before the minutes (the loop's question
# is on the held agenda), the report-back pack after both (it only fills in what they left);
# the last visit to a network's overview after everything it lists.
FEATURE_DEMOS = (
    coordination_demo,
    agenda_demo,
    participation_demo,
    documents_demo,
    wishes_demo,
    evaluations_demo,
    questions_demo,
    minutes_demo,
    report_back_demo,
    history_demo,
    goals_demo,
    outbox_demo,
    visits_demo,
)


def demo_exists() -> bool:
    return User.objects.filter(email=DEMO_ACCOUNTS[0][0]).exists()


@functools.cache
def _demo_password_hash() -> str:
    # Hashed once: hashing it anew for each of the ~90 demo people takes seconds.
    return make_password(DEMO_PASSWORD)


def _make_user(email: str, full_name: str, *, superuser: bool = False) -> User:
    user = User(
        email=email,
        full_name=full_name,
        password=_demo_password_hash(),
        is_staff=superuser,
        is_superuser=superuser,
    )
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def _term_dates(term: Term, weekday: int, count: int) -> list[datetime.date]:
    """Dates on one weekday spread over a term, clear of its first weeks, the Christmas and
    summer breaks and the public holidays (a date on a holiday moves a week earlier)."""
    start = term.first_day + datetime.timedelta(days=21)
    end = term.last_day - datetime.timedelta(days=18)
    span = (end - start).days
    dates = []
    for index in range(count):
        day = start + datetime.timedelta(days=round(span * index / max(count - 1, 1)))
        day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
        while not is_meeting_day(day):
            day -= datetime.timedelta(days=7)
        dates.append(max(day, start + datetime.timedelta(days=(weekday - start.weekday()) % 7)))
    return dates


def _past_moment(wished: datetime.datetime, now: datetime.datetime) -> datetime.datetime:
    """`wished`, or (if that is still to come) a moment just before now: the demo's records
    are never dated in the future."""
    return min(wished, now - datetime.timedelta(hours=2))


@transaction.atomic
def build_demo(today: datetime.date | None = None) -> dict[str, User]:
    today = today or timezone.localdate()
    accounts = {
        email: _make_user(email, name, superuser=email.startswith("admin@"))
        for email, name, _purpose in DEMO_ACCOUNTS
    }
    coordinator = accounts["samordnare@example.org"]
    networks = {network.code: network for network in Network.objects.all()}
    for network in networks.values():
        network.coordinators.add(coordinator)

    names = (f"{first} {last}" for first, last in zip(FIRST_NAMES * 3, itertools.cycle(LAST_NAMES)))
    administrations = {}
    for name, short in ADMINISTRATIONS:
        if short == "MF":
            director = accounts["direktor.miljo@example.org"]
        else:
            director = _make_user(f"direktor.{short.lower()}@example.org", next(names))
        administrations[short] = Administration.objects.create(
            name=name, short_name=short, director=director
        )

    fixed = {
        ("MF", "NEH", Appointment.Role.REPRESENTATIVE): accounts["representant.miljo@example.org"],
        ("MF", "NEH", Appointment.Role.SUBSTITUTE): accounts["ersattare.miljo@example.org"],
        ("SOC", "NSH", Appointment.Role.REPRESENTATIVE): accounts[
            "representant.social@example.org"
        ],
    }
    # A few seats stay vacant, so coordinators have something to follow up.
    vacant = {
        ("AMF", "NEH", Appointment.Role.SUBSTITUTE),
        ("SF", "NSH", Appointment.Role.REPRESENTATIVE),
    }
    term_start = Term.of(today).first_day
    appointments = []
    for short, administration in administrations.items():
        for code, network in networks.items():
            for role in Appointment.Role:
                key = (short, code, role)
                if key in vacant:
                    continue
                person = fixed.get(key)
                if person is None:
                    full_name = next(names)
                    slug = full_name.lower().replace(" ", ".")
                    for swedish, plain in (("å", "a"), ("ä", "a"), ("ö", "o")):
                        slug = slug.replace(swedish, plain)
                    person = _make_user(f"{slug}.{short.lower()}@example.org", full_name)
                appointments.append(
                    Appointment(
                        person=person,
                        administration=administration,
                        network=network,
                        role=role,
                        appointed_by=administration.director,
                        mandate_confirmed_at=timezone.now(),
                        start_date=term_start - datetime.timedelta(days=200),
                    )
                )
    # Miljöförvaltningen had another NEH representative before, so the history has a row.
    predecessor = _make_user("tidigare.representant.mf@example.org", "Göran Lund")
    appointments.append(
        Appointment(
            person=predecessor,
            administration=administrations["MF"],
            network=networks["NEH"],
            role=Appointment.Role.REPRESENTATIVE,
            appointed_by=accounts["direktor.miljo@example.org"],
            mandate_confirmed_at=timezone.now() - datetime.timedelta(days=800),
            start_date=term_start - datetime.timedelta(days=900),
            end_date=term_start - datetime.timedelta(days=201),
        )
    )
    bulk_create_with_history(appointments, Appointment)  # each with its first history row

    for network in networks.values():
        _build_meetings(network, today, administrations, accounts)
    world = World(today, networks, administrations, accounts)
    for feature in FEATURE_DEMOS:
        feature.build(world)
    return accounts


def _build_meetings(network: Network, today: datetime.date, administrations, accounts) -> None:
    current = Term.of(today)
    themes = iter(THEMES[network.code])
    start_hour = 9 if network.code == "NEH" else 13
    weekday = 1 if network.code == "NEH" else 3  # Tuesdays and Thursdays
    work_areas = list(network.work_areas.all())
    representative = (
        accounts["representant.miljo@example.org"]
        if network.code == "NEH"
        else accounts["representant.social@example.org"]
    )
    administration = administrations["MF" if network.code == "NEH" else "SOC"]
    first_upcoming_seen = False
    now = timezone.now()
    for term, count in ((current, 4), (current.next(), 4)):
        for index, day in enumerate(_term_dates(term, weekday, count)):
            starts_at = datetime.datetime.combine(day, datetime.time(start_hour), STOCKHOLM)
            ends_at = starts_at + datetime.timedelta(minutes=network.default_meeting_minutes)
            is_past = day < today
            is_soon = not is_past and (day - today).days <= 75
            title, area_hint = next(themes)
            meeting = Meeting(
                network=network,
                starts_at=starts_at,
                ends_at=ends_at,
                place="Stadshuset, sal Vänern" if index % 2 == 0 else "",
                online_url="https://teams.example.org/natverk" if index % 2 else "",
                format=Meeting.Format.HYBRID if index % 2 else Meeting.Format.ON_SITE,
            )
            # The theme four weeks ahead, or (for a meeting further off) a few days ago.
            theme_at = _past_moment(
                starts_at - datetime.timedelta(days=28, hours=start_hour - 9), now
            )
            cancelled = network.code == "NSH" and term == current and index == 1
            if is_past or is_soon or cancelled:
                meeting.status = Meeting.Status.PUBLISHED
                meeting.theme_title = title
                meeting.theme_description = (
                    f"Vi ägnar mötet åt {title.lower()}. Ta gärna med frågor från er ledningsgrupp "
                    "och bjud in kollegor som arbetar med frågan."
                )
                meeting.published_at = theme_at
                meeting.sequence = 1
            if cancelled:
                meeting.status = Meeting.Status.CANCELLED
                # Cancelled between the theme's publishing and the meeting (or now).
                meeting.cancelled_at = theme_at + (min(now, starts_at) - theme_at) / 2
                meeting.cancellation_reason = "För få anmälda; temat flyttas till nästa termin."
                meeting.sequence = 2
            publish_agenda = meeting.is_published and (is_past or not first_upcoming_seen)
            if publish_agenda:
                # A week before the meeting, after the theme, never in the future.
                meeting.agenda_published_at = (
                    max(
                        _past_moment(starts_at - datetime.timedelta(days=7), now),
                        theme_at + (now - theme_at) / 2,
                    )
                    if not is_past
                    else starts_at - datetime.timedelta(days=7)
                )
            meeting.save()
            areas = [area for area in work_areas if area.name.startswith(area_hint)]
            meeting.work_areas.set(areas)
            if meeting.is_published:
                _build_agenda(
                    meeting, representative, administration, areas, with_proposals=is_soon
                )
            if is_soon:
                first_upcoming_seen = True
    _defer_to_later_meetings(network)


def _defer_to_later_meetings(network: Network) -> None:
    """A deferred proposal names the later meeting it went to, where it waits as a proposal
    (as deferring does it); with no later published meeting it is still a proposal here."""
    for item in AgendaItem.objects.filter(
        meeting__network=network, status=AgendaItem.Status.DEFERRED, deferred_to=None
    ).select_related("meeting"):
        target = (
            Meeting.objects.filter(
                network=network,
                status=Meeting.Status.PUBLISHED,
                starts_at__gt=item.meeting.starts_at,
            )
            .order_by("starts_at")
            .first()
        )
        if target is None:
            item.status, item.decision_reason = AgendaItem.Status.PROPOSED, ""
            item.save(update_fields=["status", "decision_reason"])
            continue
        item.deferred_to = target
        item.save(update_fields=["deferred_to"])
        item.propose_again_at(target)


def _build_agenda(meeting, representative, administration, areas, *, with_proposals: bool) -> None:
    area = areas[0] if areas else None
    items = [
        AgendaItem(
            meeting=meeting,
            title=title,
            kind=kind,
            wished_minutes=minutes,
            allotted_minutes=minutes,
            status=AgendaItem.Status.ACCEPTED,
            position=position,
            presenter="Hållbarhetsenheten" if position == 1 else "",
            work_area=area,
        )
        for position, (title, kind, minutes) in enumerate(AGENDA_ITEMS, start=1)
    ]
    if with_proposals:
        proposals = [
            ("Vår ledningsgrupp undrar över uppföljningen", AgendaItem.Status.PROPOSED, ""),
            (
                "Erfarenheter från vår pilot",
                AgendaItem.Status.DEFERRED,
                "Passar bättre nästa möte.",
            ),
            (
                "Information om intern kurs",
                AgendaItem.Status.DECLINED,
                "Sprids bättre via intranätet.",
            ),
            ("Fråga om budget", AgendaItem.Status.WITHDRAWN, ""),
        ]
        items += [
            AgendaItem(
                meeting=meeting,
                title=title,
                description="Föreslagen av förvaltningens representant.",
                kind=AgendaItem.Kind.DISCUSSION,
                wished_minutes=20,
                status=status,
                decision_reason=reason,
                work_area=area,
                is_management_question=index == 0,
                proposed_by=representative,
                administration=administration,
            )
            for index, (title, status, reason) in enumerate(proposals)
        ]
    bulk_create_with_history(items, AgendaItem)


# --- Documents and consultations ----------------------------------------------------
