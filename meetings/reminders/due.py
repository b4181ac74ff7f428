"""Which reminders are due on a day (Europe/Stockholm), and to whom.

Each function answers for one kind of reminder and one day: what falls due exactly that many days
ahead (the network's setting, `Network.reminder_*_days`), and who should hear of it. A reminder
is due on its one day only: a worker that was down all of that day sends it on no later day,
when it would come at the wrong moment (the job runs every hour, so a day is hard to miss).
Whether the person wants it is asked afterwards (`wanted`), in one query for everyone.

Each reminder carries the key the outbox makes it unique by (kind, object, version, and the
recipient), so the hourly job can find the same reminder again and nothing is sent twice.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils import timezone

from accounts.models import User
from config.dates import local_midnight
from meetings.calendar import outlook
from meetings.models import (
    ActionItem,
    Attendance,
    ConsultationResponse,
    Document,
    Meeting,
    ReminderPreferences,
    ReportBack,
)
from networks.models import Network
from representatives.models import Appointment
from representatives.recipients import network_recipients

UNANSWERED = "unanswered"
DAY_BEFORE = "day_before"
PROPOSALS_CLOSING = "proposals_closing"
ACTION_DUE = "action_due"
CONSULTATION_DUE = "consultation_due"
REPORT_BACK = "report_back"


@dataclass
class Reminder:
    kind: str  # a field of ReminderPreferences
    person: User
    obj: Model  # what it is about; with `version`, the outbox's key
    version: str
    context: dict = field(default_factory=dict)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The day's first moment and the next day's, in the site's time zone (Europe/Stockholm)."""
    return local_midnight(day), local_midnight(day + datetime.timedelta(days=1))


def _starting_on(day: datetime.date):
    start, end = day_bounds(day)
    return Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED, starts_at__gte=start, starts_at__lt=end
    ).select_related("network")


def _reachable(person: User) -> bool:
    return person.is_active and bool(person.email)


def answerers(network: Network, administration_ids: Iterable[int]) -> dict[int, User]:
    """Each administration's current representative in the network, or its substitute when the
    seat of representative is empty: the person who answers for the administration."""
    chosen: dict[int, User] = {}
    seats = (
        Appointment.objects.current()
        .filter(network=network, administration_id__in=list(administration_ids))
        .select_related("person")
        .order_by("administration_id", "role")  # "representative" sorts before "substitute"
    )
    for seat in seats:
        chosen.setdefault(seat.administration_id, seat.person)
    return {pk: person for pk, person in chosen.items() if _reachable(person)}


# --- a. The invitation not answered ------------------------------------------------------------


def unanswered(today: datetime.date) -> list[Reminder]:
    """The network's representatives and substitutes who have not answered, N days before the
    meeting. An administration that has answered (any of its people, e.g. "ersättare kommer")
    is done: its other person is not reminded."""
    reminders = []
    for network in Network.objects.all():
        day = today + datetime.timedelta(days=network.reminder_answer_days)
        meetings = list(_starting_on(day).filter(network=network))
        if not meetings:
            continue
        seats = list(
            Appointment.objects.current()
            .filter(network=network)
            .select_related("person", "administration")
            .order_by("administration__name", "role")
        )
        for meeting in meetings:
            answers = list(
                Attendance.objects.filter(meeting=meeting)
                .exclude(answer="")
                .values_list("person_id", "administration_id")
            )
            people = {person for person, _ in answers}
            administrations = {administration for _, administration in answers}
            told = set()
            for seat in seats:
                person = seat.person
                if (
                    person.pk in people
                    or seat.administration_id in administrations
                    or person.pk in told
                    or not _reachable(person)
                ):
                    continue
                told.add(person.pk)
                reminders.append(
                    Reminder(
                        UNANSWERED,
                        person,
                        meeting,
                        day.isoformat(),
                        {"meeting": meeting, "days": network.reminder_answer_days},
                    )
                )
    return reminders


# --- b. The day before the meeting ---------------------------------------------------------------


def day_before(today: datetime.date) -> list[Reminder]:
    """Everyone with an account who should have tomorrow's meeting (its network's people and
    the colleagues invited to it), except those who said they are not coming."""
    day = today + datetime.timedelta(days=1)
    reminders = []
    for meeting in _starting_on(day):
        not_coming = set(
            Attendance.objects.filter(
                meeting=meeting, answer=Attendance.Answer.NOT_COMING
            ).values_list("person_id", flat=True)
        )
        for person in outlook.audience(meeting):
            # Colleagues invited without an account cannot switch reminders off: none for them.
            if not isinstance(person, User) or person.pk in not_coming or not _reachable(person):
                continue
            reminders.append(
                Reminder(DAY_BEFORE, person, meeting, day.isoformat(), {"meeting": meeting})
            )
    return reminders


# --- c. Proposals close soon ---------------------------------------------------------------------


def proposals_closing(today: datetime.date, now: datetime.datetime) -> list[Reminder]:
    """The network's representatives and substitutes, N days before a meeting's proposals
    close (`Meeting.proposals_close_at`), while they are still open."""
    reminders = []
    for network in Network.objects.all():
        day = today + datetime.timedelta(days=network.reminder_proposal_days)
        # The meetings whose deadline falls on that day start proposal_close_days later
        # (a day of margin each side for the change to and from summer time).
        start, end = day_bounds(day)
        lead = datetime.timedelta(days=network.proposal_close_days)
        candidates = Meeting.objects.filter(
            network=network,
            status=Meeting.Status.PUBLISHED,
            starts_at__gte=start + lead - datetime.timedelta(days=1),
            starts_at__lt=end + lead + datetime.timedelta(days=1),
        )
        meetings = []
        for meeting in candidates:
            meeting.network = network
            closes_at = meeting.proposals_close_at
            if timezone.localdate(closes_at) == day and closes_at > now:
                meetings.append(meeting)
        if not meetings:
            continue
        people = list(network_recipients(network))
        for meeting in meetings:
            for person in people:
                reminders.append(
                    Reminder(
                        PROPOSALS_CLOSING,
                        person,
                        meeting,
                        day.isoformat(),
                        {
                            "meeting": meeting,
                            "closes_at": meeting.proposals_close_at,
                            "days": network.reminder_proposal_days,
                        },
                    )
                )
    return reminders


# --- d. Actions and consultation responses due soon -------------------------------------------


def actions_due(today: datetime.date) -> list[Reminder]:
    """Open actions due in N days: the person who answers for each responsible administration."""
    reminders = []
    for network in Network.objects.all():
        day = today + datetime.timedelta(days=network.reminder_action_days)
        actions = list(
            ActionItem.objects.filter(
                meeting__network=network, status=ActionItem.Status.OPEN, due_on=day
            )
            .select_related("meeting")
            .prefetch_related("administrations")
            .order_by("pk")
        )
        if not actions:
            continue
        administration_ids = {a.pk for action in actions for a in action.administrations.all()}
        people = answerers(network, administration_ids)
        for action in actions:
            action.meeting.network = network
            told = set()
            for administration in action.administrations.all():
                person = people.get(administration.pk)
                if person is None or person.pk in told:
                    continue
                told.add(person.pk)
                reminders.append(
                    Reminder(
                        ACTION_DUE,
                        person,
                        action,
                        day.isoformat(),
                        {
                            "action": action,
                            "administration": administration,
                            "network": network,
                            "days": network.reminder_action_days,
                        },
                    )
                )
    return reminders


def consultations_due(today: datetime.date) -> list[Reminder]:
    """Consultations whose answer is due in N days: the person who answers for each asked
    administration that has not marked its answer sent."""
    reminders = []
    for network in Network.objects.all():
        day = today + datetime.timedelta(days=network.reminder_consultation_days)
        responses = list(
            ConsultationResponse.objects.filter(
                document__network=network,
                document__kind=Document.Kind.CONSULTATION,
                document__withdrawn_at__isnull=True,
                document__deadline=day,
                sent_at__isnull=True,
            )
            .select_related("document", "administration")
            .order_by("document_id", "administration__name")
        )
        if not responses:
            continue
        people = answerers(network, {r.administration_id for r in responses})
        for response in responses:
            person = people.get(response.administration_id)
            if person is None:
                continue
            response.document.network = network
            reminders.append(
                Reminder(
                    CONSULTATION_DUE,
                    person,
                    response.document,
                    f"{day.isoformat()}:{response.administration_id}",
                    {
                        "document": response.document,
                        "administration": response.administration,
                        "network": network,
                        "days": network.reminder_consultation_days,
                    },
                )
            )
    return reminders


# --- e. The report-back pack not presented -------------------------------------------------------


def report_backs_missing(today: datetime.date, now: datetime.datetime) -> list[Reminder]:
    """N days (two weeks) after a held meeting: the person who answers for each administration
    seated in the network whose report-back pack is not marked presented."""
    reminders = []
    for network in Network.objects.all():
        day = today - datetime.timedelta(days=network.reminder_report_back_days)
        meetings = list(_starting_on(day).filter(network=network, ends_at__lt=now))
        if not meetings:
            continue
        seated = set(
            Appointment.objects.current()
            .filter(network=network)
            .values_list("administration_id", flat=True)
        )
        people = answerers(network, seated)
        presented = set(
            ReportBack.objects.filter(meeting__in=meetings).values_list(
                "meeting_id", "administration_id"
            )
        )
        administrations = {
            a.administration_id: a.administration
            for a in Appointment.objects.current()
            .filter(network=network)
            .select_related("administration")
        }
        for meeting in meetings:
            for administration_id, person in people.items():
                if (meeting.pk, administration_id) in presented:
                    continue
                reminders.append(
                    Reminder(
                        REPORT_BACK,
                        person,
                        meeting,
                        str(administration_id),
                        {
                            "meeting": meeting,
                            "administration": administrations[administration_id],
                            "days": network.reminder_report_back_days,
                        },
                    )
                )
    return reminders


# --- Who wants what ------------------------------------------------------------------------------


def switched_off(kind: str, people: Iterable[User]) -> set[int]:
    """The people (ids) among `people` who switched this kind of reminder off (one query)."""
    return set(
        ReminderPreferences.objects.filter(
            user__in=[p.pk for p in people], **{kind: False}
        ).values_list("user_id", flat=True)
    )


def wanted(reminders: list[Reminder]) -> list[Reminder]:
    """The reminders whose person has not switched their kind off."""
    off: set[tuple[str, int]] = set()
    for kind in {r.kind for r in reminders}:
        people = [r.person for r in reminders if r.kind == kind]
        off |= {(kind, pk) for pk in switched_off(kind, people)}
    return [r for r in reminders if (r.kind, r.person.pk) not in off]


def due(now: datetime.datetime) -> list[Reminder]:
    """Every reminder due on `now`'s day, for the people who want it."""
    today = timezone.localdate(now)
    return wanted(
        unanswered(today)
        + day_before(today)
        + proposals_closing(today, now)
        + actions_due(today)
        + consultations_due(today)
        + report_backs_missing(today, now)
    )
