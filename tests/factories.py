"""Small, unsurprising builders for test data. Each returns a saved object."""

import datetime
import itertools
import re
import uuid

from django.utils import timezone

from accounts.models import User
from meetings.agenda import versions as agenda_versions
from meetings.models import AgendaItem, AgendaVersion, Meeting
from networks.models import Network
from representatives.models import Administration, Appointment

PASSWORD = "test-password-123"
_counter = itertools.count(1)


def make_user(email: str | None = None, full_name: str = "", **extra) -> User:
    n = next(_counter)
    return User.objects.create_user(
        email=email or f"person{n}@example.org",
        password=PASSWORD,
        full_name=full_name or f"Person {n}",
        **extra,
    )


def network(code: str) -> Network:
    return Network.objects.get(code=code)


def make_administration(name: str | None = None, director: User | None = None) -> Administration:
    n = next(_counter)
    return Administration.objects.create(
        name=name or f"Förvaltning {n}", short_name=f"F{n}", director=director
    )


def make_appointment(
    person: User,
    administration: Administration,
    network: Network,
    role: str = Appointment.Role.REPRESENTATIVE,
    **extra,
) -> Appointment:
    extra.setdefault("start_date", timezone.localdate() - datetime.timedelta(days=100))
    return Appointment.objects.create(
        person=person, administration=administration, network=network, role=role, **extra
    )


# The standard people of every test (tests/conftest.py's fixtures), as builders so a world
# built once for many tests (tests/browser/conftest.py) has the very same people.


def standard_director() -> User:
    return make_user("direktor@example.org", "Dora Direktör")


def standard_administration(director: User) -> Administration:
    return make_administration("Miljöförvaltningen", director=director)


def standard_representative(administration: Administration, neh: Network) -> User:
    person = make_user("representant@example.org", "Rita Representant")
    make_appointment(person, administration, neh, Appointment.Role.REPRESENTATIVE)
    return person


def standard_substitute(administration: Administration, neh: Network) -> User:
    person = make_user("ersattare@example.org", "Erik Ersättare")
    make_appointment(person, administration, neh, Appointment.Role.SUBSTITUTE)
    return person


def standard_coordinator(neh: Network) -> User:
    person = make_user("samordnare@example.org", "Sam Samordnare")
    neh.coordinators.add(person)
    return person


def standard_staff() -> User:
    return make_user("medarbetare@example.org", "Mia Medarbetare")


def standard_admin() -> User:
    return User.objects.create_superuser(
        email="admin@example.org", password=PASSWORD, full_name="Ada Admin"
    )


def standard_people() -> dict:
    """Every standard person by fixture name, plus NEH and Miljöförvaltningen."""
    neh = network("NEH")
    director = standard_director()
    administration = standard_administration(director)
    return {
        "neh": neh,
        "director": director,
        "administration": administration,
        "representative": standard_representative(administration, neh),
        "substitute": standard_substitute(administration, neh),
        "coordinator": standard_coordinator(neh),
        "staff": standard_staff(),
        "admin_user": standard_admin(),
    }


def make_meeting(
    network: Network,
    *,
    days_ahead: int = 30,
    status: str = Meeting.Status.PUBLISHED,
    theme_title: str = "Ett tema",
    **extra,
) -> Meeting:
    starts_at = (timezone.now() + datetime.timedelta(days=days_ahead)).replace(
        minute=0, second=0, microsecond=0
    )
    # A two-hour meeting made late in the evening would end after midnight, which a meeting
    # form cannot express (one date, two times): on another day, start it at 20:00 instead.
    # Earlier, so one in the past stays there and one days ahead stays ahead; today's meeting
    # (days_ahead=0) is the one running now, and stays so.
    local = timezone.localtime(starts_at)
    if days_ahead and local.hour >= 22:
        starts_at = local.replace(hour=20)
    extra.setdefault("ends_at", starts_at + datetime.timedelta(minutes=120))
    if status != Meeting.Status.PLANNED:
        extra.setdefault("published_at", timezone.now())
    return Meeting.objects.create(
        network=network, starts_at=starts_at, status=status, theme_title=theme_title, **extra
    )


def make_agenda_item(meeting: Meeting, *, position: int | None = None, **extra) -> AgendaItem:
    if position is not None:
        extra.setdefault("status", AgendaItem.Status.ACCEPTED)
    extra.setdefault("title", f"Punkt {next(_counter)}")
    return AgendaItem.objects.create(meeting=meeting, position=position, **extra)


def make_document(network: Network, *, kind: str = "report", **extra):
    """A document with a link (no file); a consultation gets a deadline a month ahead."""
    from meetings.models import Document

    if kind == Document.Kind.CONSULTATION:
        extra.setdefault("deadline", timezone.localdate() + datetime.timedelta(days=30))
    extra.setdefault("title", f"Dokument {next(_counter)}")
    extra.setdefault("url", "https://www.example.org/dokument")
    return Document.objects.create(network=network, kind=kind, **extra)


def make_consultation(network: Network, asked=(), **extra):
    """A consultation (remiss) asking the given administrations to respond."""
    from meetings.models import ConsultationResponse, Document

    document = make_document(network, kind=Document.Kind.CONSULTATION, **extra)
    for administration in asked:
        ConsultationResponse.objects.create(document=document, administration=administration)
    return document


def make_question(network: Network, administration, *, state: str = "raised", **extra):
    """A management group's question in `state`, with a one-event trail."""
    from meetings.models import Question, QuestionEvent

    extra.setdefault("title", "En fråga från ledningsgruppen")
    extra.setdefault("raised_on", timezone.localdate() - datetime.timedelta(days=7))
    if state == "referred":
        extra.setdefault("referred_to", network)
    question = Question.objects.create(
        network=network, administration=administration, state=state, **extra
    )
    QuestionEvent.objects.create(question=question, state=state, actor=extra.get("raised_by"))
    return question


def make_goal(network: Network, *, target_year: int = 2030, **extra):
    """A goal under the network's first active work area."""
    from meetings.models import Goal

    extra.setdefault("work_area", network.work_areas.active().first())
    extra.setdefault("title", f"Mål {next(_counter)}")
    return Goal.objects.create(target_year=target_year, **extra)


def make_indicator(goal, *, values: dict | None = None, **extra):
    """An indicator (lower is better, 1000 in 2019 → 0) with {year: value} values."""
    from decimal import Decimal

    from meetings.models import Indicator, IndicatorValue

    extra.setdefault("name", f"Indikator {next(_counter)}")
    extra.setdefault("unit", "ton CO2e")
    extra.setdefault("baseline_year", 2019)
    extra.setdefault("baseline_value", Decimal(1000))
    extra.setdefault("target_value", Decimal(0))
    indicator = Indicator.objects.create(goal=goal, **extra)
    for year, value in (values or {}).items():
        IndicatorValue.objects.create(indicator=indicator, year=year, value=Decimal(value))
    return indicator


def make_action(meeting: Meeting, *, administrations=(), **extra):
    from meetings.models import ActionItem

    extra.setdefault("title", f"Åtgärd {next(_counter)}")
    extra.setdefault("due_on", timezone.localdate() + datetime.timedelta(days=60))
    if extra.get("status") == ActionItem.Status.DONE:
        extra.setdefault("done_at", timezone.now())
    action = ActionItem.objects.create(meeting=meeting, **extra)
    action.administrations.set(administrations)
    return action


def submitted(data: dict | None = None, **more) -> dict:
    """A create form's data as its rendered page sends it: with a new one-time token
    (networks/submissions.py). Send the same dict twice for a double submit."""
    return {**(data or {}), **more, "submission": str(uuid.uuid4())}


def at_version(record, data: dict | None = None, *, field: str = "version", **more) -> dict:
    """An edit form's data as a page rendered now sends it: with the record's current version
    (networks/versions.py), read from the database. A record not saved yet is version 0."""
    version = 0
    if record is not None and record.pk is not None:
        version = type(record)._default_manager.values_list("version", flat=True).get(pk=record.pk)
    return {**(data or {}), **more, field: str(version)}


def hidden_value(response, name: str) -> str:
    """The value of the hidden input `name` on a rendered page (a version, a one-time token)."""
    html = response.content.decode()
    match = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', html)
    assert match, f"no hidden {name} on the page"
    return match[1]


def publish_agenda(meeting: Meeting, note: str = "") -> AgendaVersion:
    """The draft's accepted items as the meeting's next published version (no e-mail)."""
    items = agenda_versions.snapshot(agenda_versions.draft_items(meeting))
    latest = agenda_versions.current_version(meeting)
    version = AgendaVersion.objects.create(
        meeting=meeting, number=(latest.number if latest else 0) + 1, change_note=note,
        snapshot=items,
    )  # fmt: skip
    if meeting.agenda_published_at is None:
        Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=version.published_at)
        meeting.agenda_published_at = version.published_at
    return version
