"""Taking part in meetings: answers, attendance after the meeting, and invited colleagues.

A workflow over meetings, appointments and people, so it lives here rather than on one model.
Every function checks its own rules and raises `ParticipationError` with a Swedish message;
nothing is saved when it does.
"""

import datetime
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import models, transaction
from django.db.models import Case, FilteredRelation, Max, Q, QuerySet, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from config.mail import absolute_url, message, render_subject, render_text
from config.prepared import (
    Prepared,
    PreparedNumbers,
    by_shape,
    instance_maker,
    numbered,
    numbering,
)
from meetings import paging
from meetings.calendar import ics as calendar
from meetings.models import Attendance, Invitation, Meeting
from meetings.outbox import outbox
from networks.rules import coordinated_network_ids, is_coordinator
from representatives.models import Administration, Appointment
from representatives.rules import is_network_member


class ParticipationError(Exception):
    """A rule of taking part was broken; the message is Swedish and shown to the person."""


def _subject(template: str, context: dict) -> str:
    return render_subject(template, context, prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)


def own_appointment(user: User, meeting: Meeting) -> Appointment | None:
    """The person's current appointment in the meeting's network (representative first)."""
    return (
        Appointment.objects.current()
        .for_person(user)
        .filter(network_id=meeting.network_id)
        .select_related("administration")
        .order_by("role")
        .first()
    )


def check_open_for_answers(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ParticipationError(_("Mötet är inställt. Det går inte att svara eller bjuda in."))
    if not meeting.is_published:
        raise ParticipationError(_("Mötet är inte publicerat ännu."))
    if meeting.is_past:
        raise ParticipationError(_("Mötet har redan varit."))


# Answers ------------------------------------------------------------------------------------


def answer(
    meeting: Meeting,
    person: User,
    value: str,
    *,
    source: str = Attendance.Source.APP,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> Attendance:
    """Record the person's answer; "ersättare kommer" tells the substitute by e-mail (once: not
    again when the same answer is saved again).

    `source` says where it was given (the app, or Outlook's reply read by meetings/replies/)
    and `comment` is the note that came with it; a new answer replaces both, and clears a
    tentative note. `at` is when it was given, if not now (Outlook's stamp on its reply)."""
    appointment = _answering_appointment(meeting, person)
    substitute = None
    if value == Attendance.Answer.SUBSTITUTE_COMING:
        if appointment.role != Appointment.Role.REPRESENTATIVE:
            raise ParticipationError(_("Bara representanten kan skicka ersättaren."))
        substitute = _substitute_of(appointment, meeting)
        if substitute is None:
            raise ParticipationError(_("Förvaltningen har ingen ersättare i nätverket just nu."))
    with transaction.atomic():
        # Saving the same answer again (the answer form saves as soon as a choice is picked)
        # does not send the substitute a second e-mail.
        previous = (
            Attendance.objects.select_for_update()
            .filter(meeting=meeting, person=person)
            .values_list("answer", flat=True)
            .first()
        )
        if previous == value:
            substitute = None
        # The representative sent the substitute and now answers otherwise: the substitute is
        # told they need not come after all.
        released = None
        if previous == Attendance.Answer.SUBSTITUTE_COMING and value != previous:
            released = _substitute_of(appointment, meeting)
        attendance, _created = Attendance.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={
                "answer": value,
                "answered_at": at or timezone.now(),
                "administration": appointment.administration,
                "source": source,
                "comment": comment,
                "tentative": False,
            },
        )
        if substitute is not None:
            _tell_substitute(
                substitute, "substitute", "participation.substitute_coming", attendance
            )
        if released is not None:
            _tell_substitute(released, "released", "participation.substitute_released", attendance)
    return attendance


def _tell_substitute(
    substitute: Appointment, template: str, kind: str, attendance: Attendance
) -> None:
    """E-mail the substitute about the representative's answer (`template`: "substitute", they
    are to come; "released", they need not), once per answer."""
    meeting = attendance.meeting
    context = {
        "meeting": meeting,
        "representative": attendance.person,
        "substitute": substitute.person,
        "administration": attendance.administration,
        "meeting_url": absolute_url(meeting.get_absolute_url()),
    }
    outbox.record(
        message(
            _subject(f"meetings/participation/email/{template}_subject.txt", context),
            render_text(f"meetings/participation/email/{template}.txt", context),
            to=[substitute.person.email],
            from_email=settings.DEFAULT_FROM_EMAIL,
        ),
        kind=kind,
        obj=attendance,
        version=f"{attendance.answer}@{attendance.answered_at}",
    )


def _substitute_of(appointment: Appointment, meeting: Meeting) -> Appointment | None:
    """The current substitute of the representative's administration in the meeting's network."""
    return (
        Appointment.objects.current()
        .filter(
            administration=appointment.administration,
            network_id=meeting.network_id,
            role=Appointment.Role.SUBSTITUTE,
        )
        .select_related("person")
        .first()
    )


def note_tentative(meeting: Meeting, person: User, *, comment: str = "") -> Attendance:
    """Outlook's "Preliminärt": noted beside the person's answer, which stays as it was (the
    app has no tentative answer, and the participation report counts only real answers)."""
    appointment = _answering_appointment(meeting, person)
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={
                "administration": appointment.administration,
                "source": Attendance.Source.OUTLOOK,
                "comment": comment,
                "tentative": True,
            },
        )
    return attendance


def _answering_appointment(meeting: Meeting, person: User) -> Appointment:
    appointment = own_appointment(person, meeting)
    if appointment is None:
        raise ParticipationError(_("Du har inget uppdrag i mötets nätverk."))
    check_open_for_answers(meeting)
    return appointment


# The coordinators' view of a meeting --------------------------------------------------------


@dataclass
class Seat:
    appointment: Appointment
    attendance: Attendance | None


@dataclass
class AdministrationAnswers:
    administration: Administration
    seats: list[Seat] = field(default_factory=list)


def answers_by_administration(meeting: Meeting) -> list[AdministrationAnswers]:
    """Each administration's current people in the network with their answers (two queries):
    every seat of the network, for the minutes' record of who was there."""
    attendances = {a.person_id: a for a in meeting.attendances.all()}
    groups: dict[int, AdministrationAnswers] = {}
    appointments = (
        Appointment.objects.current()
        .filter(network_id=meeting.network_id)
        .select_related("person", "administration")
        # Only what the minutes show: a row per seat of every administration, and the user
        # rows are wide.
        .only(
            "role",
            "person__full_name",
            "person__email",
            "administration__name",
            "administration__short_name",
        )
        .order_by("administration__name", "role")
    )
    for appointment in appointments:
        group = groups.setdefault(
            appointment.administration_id, AdministrationAnswers(appointment.administration)
        )
        group.seats.append(Seat(appointment, attendances.get(appointment.person_id)))
    return list(groups.values())


# An administration's answer to a meeting, from its people's answers: coming when one of them
# comes (or sends the substitute), not coming when someone answered and nobody comes, else not
# answered. The values order the coordinators' list: what needs a reminder first.
NOT_ANSWERED, NOT_COMING, COMING = 0, 1, 2
COMING_ANSWERS = {Attendance.Answer.COMING, Attendance.Answer.SUBSTITUTE_COMING}
ANSWERS_PARAM = "forvaltningar"


@dataclass
class AnswerCounts:
    """Administrations by answer, and after the meeting by attendance: present when one of its
    people was ticked as there, absent when they were ticked and none was, else not ticked."""

    coming: int = 0
    not_coming: int = 0
    not_answered: int = 0
    present: int = 0
    absent: int = 0
    not_ticked: int = 0

    @property
    def total(self) -> int:
        return self.coming + self.not_coming + self.not_answered


# A seat as read for the list: (administration id, name, short name, role, person id, full
# name, e-mail), then its person's answer to the meeting (attendance id, answer, attended,
# tentative, source, comment; the id None when they gave none). Plain tuples: only the shown
# page becomes model objects.
SEAT_FIELDS = (
    "administration_id",
    "administration__name",
    "administration__short_name",
    "role",
    "person_id",
    "person__full_name",
    "person__email",
)
ANSWER_FIELDS = tuple(
    f"here__{name}" for name in ("id", "answer", "attended", "tentative", "source", "comment")
)


def _answers_here(meeting_id) -> FilteredRelation:
    """A seat's person's answer to the meeting (at most one: one per person and meeting)."""
    return FilteredRelation(
        "person__attendances", condition=Q(person__attendances__meeting_id=meeting_id)
    )


def _any_of(condition: Q) -> Max:
    return Max(Case(When(condition, then=1), default=0))


# Per administration of a network, by name: whether one of its people comes to the meeting,
# answered, was ticked present, was ticked at all. Compiled once per connection
# (config/prepared.py): the overview's one query over the whole network, its 0/1 columns
# read as the database gives them (PreparedNumbers), not converted row by row.
_ANSWERS_BY_ADMINISTRATION = PreparedNumbers(
    lambda meeting_id, network_id, today: (
        Appointment.objects.current(today)
        .filter(network_id=network_id)
        .annotate(here=_answers_here(meeting_id))
        .order_by()
        .values("administration_id", "administration__name")
        .annotate(
            coming=_any_of(Q(here__answer__in=sorted(COMING_ANSWERS))),
            answered=_any_of(Q(here__answer__gt="")),
            present=_any_of(Q(here__attended=True)),
            ticked=_any_of(Q(here__attended__isnull=False)),
        )
        .order_by("administration__name", "administration_id")
        .values_list("administration_id", "coming", "answered", "present", "ticked")
    ),
    meeting_id=int,
    network_id=int,
    today=datetime.date,
)


def _seats_of(meeting_id, network_id, today, administration_ids):
    return (
        Appointment.objects.current(today)
        .filter(network_id=network_id, administration_id__in=administration_ids)
        .annotate(here=_answers_here(meeting_id))
        .order_by("administration__name", "administration_id", "role")
        .values_list(*SEAT_FIELDS, *ANSWER_FIELDS)
    )


# A page of the list: the seats of up to PER_PAGE administrations with their people's answers,
# compiled once per connection; a shorter page fills the rest of the list with an id no row
# has, so the query keeps its shape.
_PAGE_IDS = tuple(f"administration{n}" for n in range(paging.PER_PAGE))
_NO_ID = 0
_PAGE_SEATS = Prepared(
    lambda meeting_id, network_id, today, **ids: _seats_of(
        meeting_id, network_id, today, list(ids.values())
    ),
    meeting_id=int,
    network_id=int,
    today=datetime.date,
    **dict.fromkeys(_PAGE_IDS, int),
)


def _page_seats(meeting: Meeting, administration_ids: list[int]) -> list[tuple]:
    """The seats of these administrations (rows of SEAT_FIELDS and ANSWER_FIELDS), by name:
    one query, also for none (the page's queries are the same for any network)."""
    today = timezone.localdate()
    if len(administration_ids) > len(_PAGE_IDS):  # several pages (after saving the list)
        return list(_seats_of(meeting.pk, meeting.network_id, today, administration_ids))
    padded = [*administration_ids, *[_NO_ID] * (len(_PAGE_IDS) - len(administration_ids))]
    values: dict[str, Any] = dict(zip(_PAGE_IDS, padded, strict=True))
    values.update(meeting_id=meeting.pk, network_id=meeting.network_id, today=today)
    return _PAGE_SEATS.rows(**values)


class _Made:
    """Instances holding only these fields, as the ORM makes one it read (the others
    deferred): a model's keyword constructor fills in every other field's default, which for
    a page of seats cost more than reading them (the list shows only these). Made by
    `instance_maker`, without a model's `__init__` per row."""

    def __init__(self, model: type[models.Model], *names: str) -> None:
        self.names = [f.attname for f in model._meta.concrete_fields if f.attname in names]
        self.make = instance_maker(model, self.names, using=None)  # type: ignore[arg-type]

    def __call__(self, **values: Any) -> Any:
        return self.make([values[name] for name in self.names])


_APPOINTMENT_PERSON = Appointment._meta.get_field("person")
_APPOINTMENT_ADMINISTRATION = Appointment._meta.get_field("administration")
_ATTENDANCE_PERSON = Attendance._meta.get_field("person")


@dataclass
class AnswerOverview:
    """Every administration of the meeting's network with its answer: the counts, and the
    order of the list (not answered first, then not coming, then coming; by name within
    each), from one query of a row per administration compared by the database. Only the
    shown page's seats and answers are read (`groups`), and become model objects."""

    meeting: Meeting
    counts: AnswerCounts
    order: list[int]  # administration ids

    def _seats(self):
        return Appointment.objects.current().filter(network_id=self.meeting.network_id)

    def groups(self, administration_ids: list[int]) -> list[AdministrationAnswers]:
        seats: dict[int, list[tuple]] = {}
        for seat in _page_seats(self.meeting, administration_ids):
            seats.setdefault(seat[0], []).append(seat)
        made_administration = _Made(Administration, "id", "name", "short_name")
        made_person = _Made(User, "id", "full_name", "email")
        made_appointment = _Made(Appointment, "role", "person_id", "administration_id")
        made_attendance = _Made(
            Attendance, "person_id", "answer", "attended", "tentative", "source", "comment"
        )
        groups = []
        for administration_id in administration_ids:
            held = seats.get(administration_id)
            if not held:
                continue  # its last seat ended a moment ago
            _pk, name, short_name = held[0][:3]
            group = AdministrationAnswers(
                made_administration(id=administration_id, name=name, short_name=short_name)
            )
            for seat in held:
                role, person_id, full_name, email, answer_id = seat[3:8]
                person = made_person(id=person_id, full_name=full_name, email=email)
                appointment = made_appointment(
                    role=role,
                    person_id=person_id,
                    administration_id=administration_id,
                )
                _APPOINTMENT_PERSON.set_cached_value(appointment, person)
                _APPOINTMENT_ADMINISTRATION.set_cached_value(appointment, group.administration)
                attendance = None
                if answer_id is not None:
                    value, attended, tentative, source, comment = seat[8:]
                    attendance = made_attendance(
                        person_id=person_id,
                        answer=value,
                        attended=attended,
                        tentative=tentative,
                        source=source,
                        comment=comment,
                    )
                    _ATTENDANCE_PERSON.set_cached_value(attendance, person)
                group.seats.append(Seat(appointment, attendance))
            groups.append(group)
        return groups

    def pages_showing(self, person_ids: set[int]) -> tuple[int, int]:
        """The first and last page of the list that hold these people's administrations."""
        held = set(
            self._seats()
            .filter(person_id__in=person_ids)
            .values_list("administration_id", flat=True)
        )
        positions = [
            index for index, administration_id in enumerate(self.order) if administration_id in held
        ]
        if not positions:
            return 1, 1
        return positions[0] // paging.PER_PAGE + 1, positions[-1] // paging.PER_PAGE + 1


def _status_rows(meeting: Meeting) -> list[tuple]:
    return _ANSWERS_BY_ADMINISTRATION.rows(
        meeting_id=meeting.pk, network_id=meeting.network_id, today=timezone.localdate()
    )


def _counted(rows: list[tuple]) -> AnswerCounts:
    counts = AnswerCounts()
    for _administration_id, coming, answered, present, ticked in rows:
        if coming:
            counts.coming += 1
        elif answered:
            counts.not_coming += 1
        else:
            counts.not_answered += 1
        if present:
            counts.present += 1
        elif ticked:
            counts.absent += 1
        else:
            counts.not_ticked += 1
    return counts


def answer_overview(meeting: Meeting) -> AnswerOverview:
    rows = _status_rows(meeting)
    status = {
        administration_id: COMING if coming else NOT_COMING if answered else NOT_ANSWERED
        for administration_id, coming, answered, _present, _ticked in rows
    }
    order = sorted(status, key=status.__getitem__)  # stable: by name within each answer
    return AnswerOverview(meeting, _counted(rows), order)


def answer_counts(meeting: Meeting) -> AnswerCounts:
    """`answer_overview(meeting).counts` alone, for a page that shows only the counts (the
    minutes editor)."""
    return _counted(_status_rows(meeting))


def record_attendance(meeting: Meeting, people: list[User], present_ids: set[int]) -> None:
    """Set who was there among `people`, creating attendance rows for those who never answered."""
    if meeting.starts_at > timezone.now():
        raise ParticipationError(_("Närvaro kan markeras först när mötet har börjat."))
    with transaction.atomic():
        existing = {
            a.person_id: a
            for a in Attendance.objects.select_for_update()
            .filter(meeting=meeting, person__in=people)
            .order_by()
        }
        to_update, to_create = [], []
        for person in people:
            attended = person.pk in present_ids
            if person.pk in existing:
                row = existing[person.pk]
                row.attended = attended
                to_update.append(row)
            else:
                to_create.append(Attendance(meeting=meeting, person=person, attended=attended))
        Attendance.objects.bulk_update(to_update, ["attended"])
        Attendance.objects.bulk_create(to_create)


# Invitations --------------------------------------------------------------------------------


def invitation_url(meeting: Meeting, token: str) -> str:
    path = reverse("invitation_meeting", kwargs={"pk": meeting.pk, "token": token})
    return absolute_url(path)


def invitations_sent_by(person: User, meeting: Meeting) -> list[Invitation]:
    return list(meeting.invitations.filter(invited_by=person).order_by("created_at"))


def invite(
    meeting: Meeting, invited_by: User, *, full_name: str, email: str, reason: str
) -> tuple[Invitation, str]:
    """Invite a colleague; at most five per representative and meeting. Returns the raw token."""
    appointment = own_appointment(invited_by, meeting)
    if appointment is None:
        raise ParticipationError(_("Du har inget uppdrag i mötets nätverk."))
    with transaction.atomic():
        # The lock on the meeting serialises concurrent invitations, so the limit holds.
        meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        check_open_for_answers(meeting)
        sent = meeting.invitations.filter(invited_by=invited_by)
        if sent.count() >= Invitation.MAX_PER_REPRESENTATIVE:
            raise ParticipationError(
                _("Du har redan bjudit in %(max)s kollegor till mötet, det högsta tillåtna.")
                % {"max": Invitation.MAX_PER_REPRESENTATIVE}
            )
        if sent.filter(email__iexact=email).exists():
            raise ParticipationError(_("Du har redan bjudit in den personen till mötet."))
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            meeting=meeting,
            invited_by=invited_by,
            administration=appointment.administration,
            full_name=full_name,
            email=email,
            reason=reason,
            token_hash=Invitation.hash_token(token),
        )
        _send_invitation(invitation, token)
    return invitation, token


def _send_invitation(invitation: Invitation, token: str) -> None:
    meeting = invitation.meeting
    context = {
        "invitation": invitation,
        "meeting": meeting,
        "url": invitation_url(meeting, token),
    }
    mail = message(
        _subject("meetings/participation/email/invitation_subject.txt", context),
        render_text("meetings/participation/email/invitation.txt", context),
        to=[invitation.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
        reply_to=[invitation.invited_by.email],
    )
    filename = f"{meeting.network.code.lower()}-{timezone.localdate(meeting.starts_at)}.ics"
    mail.attach(filename, calendar.meeting_file(meeting).decode(), "text/calendar")
    outbox.record(mail, kind="participation.invitation", obj=invitation, version=1)


def invitation_for_token(meeting_pk: int, token: str) -> Invitation | None:
    """The invitation behind a link, if it is for this meeting and the meeting is not over."""
    invitation = (
        Invitation.objects.select_related("meeting__network", "invited_by", "administration")
        .filter(meeting_id=meeting_pk, token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None or invitation.is_expired:
        return None
    return invitation


# What a page needs ---------------------------------------------------------------------------


def can_take_part(user: User, meeting: Meeting) -> bool:
    return is_network_member(user, meeting.network)


# The colleagues invited to a meeting, with who invited them and from where: for the
# coordinators' meeting page, compiled once per connection (config/prepared.py).
_INVITATIONS = Prepared(
    lambda meeting_id: Invitation.objects.filter(meeting_id=meeting_id).select_related(
        "invited_by", "administration"
    ),
    meeting_id=int,
)


def participation_context(
    user: User,
    meeting: Meeting,
    *,
    pages: tuple[int, int] = (1, 1),
    shown_people: set[int] | None = None,
) -> dict:
    """The participation section of the meeting page: a fixed number of queries per role.

    A coordinator gets the administrations' answers counted, and the list of them a page at a
    time: `pages`, the first and last page shown (held to the pages there are), or the pages
    that hold `shown_people` (the attendance list saved by htmx comes back as it was shown)."""
    context: dict = {
        "can_take_part": can_take_part(user, meeting),
        "answers": None,
        "invitations": [],
    }
    if is_coordinator(user, meeting.network):
        overview = answer_overview(meeting)
        if shown_people is not None:
            pages = overview.pages_showing(shown_people)
        page, shown = _pages(overview.order, *pages)
        context["answers"] = overview.groups(shown)
        context["answers_page"] = page
        context["answer_counts"] = overview.counts
        context["invitations"] = _INVITATIONS.objects(meeting_id=meeting.pk)
        context["attendance_open"] = meeting.starts_at <= timezone.now()
    elif context["can_take_part"]:
        meeting.own_attendance = meeting.attendances.filter(person=user).first()  # type: ignore[attr-defined]
        context["own_attendance"] = meeting.own_attendance  # type: ignore[attr-defined]
        context["invitations"] = invitations_sent_by(user, meeting)
    return context


def _pages(order: list[int], first: int, last: int) -> tuple[Page, list[int]]:
    """The last page asked for (for the pager: what follows it) and the rows from the first
    page to the last, both held to the pages there are."""
    paginator = Paginator(order, paging.PER_PAGE)
    page = paginator.page(min(max(last, 1), paginator.num_pages))
    first = min(max(first, 1), page.number)
    return page, order[(first - 1) * paging.PER_PAGE : page.end_index()]


def upcoming_for_appointments(user: User, appointments: list[Appointment]) -> dict[int, list]:
    """Coming meetings per network id for the person's appointments, each with the person's
    own answer (`own_attendance`, or None): one query, compiled once per number of networks
    (config/prepared.py), the answer read by a join on the meeting and the person."""
    network_ids = sorted({a.network_id for a in appointments})
    if not network_ids:
        return {}
    meetings = by_shape(
        _coming_visible,
        person_id=user.pk,
        now=timezone.now(),
        **numbering("network_", network_ids),
        **numbering("coordinated_", sorted(coordinated_network_ids(user))),
    )
    by_network: dict[int, list] = {pk: [] for pk in network_ids}
    for meeting in meetings:
        values = [meeting.__dict__.pop(name) for name in _OWN_COLUMNS]
        meeting.own_attendance = (
            None if values[0] is None else Attendance.from_db("default", _OWN_FIELDS, values)
        )
        by_network[meeting.network_id].append(meeting)
    return by_network


# The person's answer to a meeting, read as columns of the meeting's row (`own_<field>`).
_OWN_FIELDS = [field.attname for field in Attendance._meta.concrete_fields]
_OWN_COLUMNS = [f"own_{name}" for name in _OWN_FIELDS]


def _coming_visible(person_id: int, now: datetime.datetime, limit: None, **ids) -> QuerySet:
    """`Meeting.objects.visible_to(user).upcoming()` in the numbered networks, for a person
    coordinating the numbered `coordinated_` networks, each with the person's own answer's
    columns (none where they have not answered)."""
    return (
        Meeting.objects.seen_by(numbered(ids, "coordinated_"))
        .filter(network_id__in=numbered(ids, "network_"), ends_at__gte=now)
        .annotate(
            own=FilteredRelation("attendances", condition=Q(attendances__person_id=person_id))
        )
        .annotate(
            **{
                column: models.F(f"own__{name}")
                for column, name in zip(_OWN_COLUMNS, _OWN_FIELDS, strict=True)
            }
        )
        .order_by("starts_at")
    )
