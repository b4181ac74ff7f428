"""Who must be told what in Outlook: the one place that decides it, for every change.

A person's Outlook holds the invitation copies they were sent: METHOD:REQUEST adds or updates
the entry with the meeting's UID (when its SEQUENCE is not lower), METHOD:CANCEL removes it.
For that copy to stay true, every change that alters what someone should have, or what an
entry shows, goes through here:

- a meeting: published (REQUEST), edited while published (title, theme, place, link, format,
  work areas: REQUEST), moved (REQUEST), cancelled (CANCEL), a new agenda version published
  (REQUEST, the calendar part of the agenda's own e-mail);
- a seat: the person appointed gets a REQUEST for each of the network's coming published
  meetings, the person replaced (or whose appointment ended) a CANCEL for each one they no
  longer should have;
- a person's calendar choice: switching to subscription only cancels their copies of the coming
  meetings (the feed has them; no meeting twice), switching back sends them again.

Who should have a meeting: the current representatives and substitutes of its network, and the
colleagues invited to it. People who chose subscription only get the text of a change, never
its calendar part; a colleague with an account is held to their own choice too.
Every message is recorded in the outbox within the change's transaction and delivered by the
worker (meetings/calendar/notices.py, meetings/outbox/). A change to a meeting that tells its
whole audience (the notices, the agenda's e-mail) records one fan-out, so the request costs the
same for any number of people; the worker reads the audience (`meeting_audience`) when it
expands it, seconds later: whoever should have the meeting then, each with their choice then.
A seat or a choice that changes in between is told by its own messages; so that nobody keeps a
cancelled meeting, a person leaving (or choosing subscription only) also gets a CANCEL for a
meeting whose cancellation is still waiting for the worker, which will no longer count them.
"""

import datetime

from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.db.models.functions import Lower

from accounts.models import User
from meetings.calendar import ics as calendar
from meetings.calendar import notices
from meetings.calendar.notices import InvitedColleague
from meetings.models import CALENDAR_FIELDS, Invitation, Meeting, MeetingQuerySet
from meetings.outbox import builders, outbox
from representatives.models import Appointment
from representatives.recipients import network_recipients

# What the reason line of an "added" or "removed" message says.
BECAUSE_SEAT = "seat"
BECAUSE_DELIVERY = "delivery"
# The outbox audience of a change to a meeting: everyone who should have it.
AUDIENCE = "calendar.audience"

Recipient = User | InvitedColleague


def takes_invitations(person: Recipient) -> bool:
    """A colleague without an account cannot choose: they were invited by e-mail."""
    return isinstance(person, InvitedColleague) or person.wants_calendar_invitations


def _method(person: Recipient, method: str) -> str | None:
    return method if takes_invitations(person) else None


def audience(meeting: Meeting) -> list[Recipient]:
    """Everyone who should have the meeting: its network's current people, then its invited
    colleagues (as their account when they have one), each address once. The meeting's work
    areas are read here once, not once for each person's calendar part."""
    prefetch_related_objects([meeting], "work_areas")
    people: list[Recipient] = list(network_recipients(meeting.network))
    told = {person.email.lower() for person in people}
    invitations = list(meeting.invitations.order_by("pk"))
    addresses = {invitation.email.lower() for invitation in invitations}
    accounts = {
        user.email.lower(): user
        for user in User.objects.filter(is_active=True)
        .annotate(address=Lower("email"))
        .filter(address__in=addresses)
    }
    for invitation in invitations:
        address = invitation.email.lower()
        if address in told:
            continue
        told.add(address)
        people.append(
            accounts.get(address) or InvitedColleague(invitation.email, invitation.full_name)
        )
    return people


def _theirs(user: User) -> MeetingQuerySet:
    """The meetings of the user's current networks and those they were invited to."""
    if not user.is_active or not user.email:
        return Meeting.objects.none()
    networks = Appointment.objects.current().filter(person=user).values("network_id")
    invited = Invitation.objects.filter(email__iexact=user.email).values("meeting_id")
    return Meeting.objects.filter(Q(network_id__in=networks) | Q(pk__in=invited))


def coming_meetings_for(user: User) -> MeetingQuerySet:
    """The published, not yet ended meetings the user should have in Outlook."""
    return (
        _theirs(user).filter(status=Meeting.Status.PUBLISHED).upcoming().select_related("network")
    )


# --- Changes to a meeting --------------------------------------------------------------------


@builders.audience(AUDIENCE)
def meeting_audience(arguments: dict) -> list[tuple[str, dict]]:
    """Read by the worker when it expands a fan-out: everyone who should have the meeting now,
    with their own part of the message's arguments (the calendar method only for those who
    take invitations). A meeting deleted since tells nobody."""
    meeting = Meeting.objects.select_related("network").filter(pk=int(arguments["meeting"])).first()
    if meeting is None:
        return []
    method = arguments.get("method")
    return [
        (
            person.email,
            {
                "email": person.email,
                "full_name": person.full_name,
                "method": _method(person, method) if method else None,
            },
        )
        for person in audience(meeting)
    ]


def tell_audience(
    meeting: Meeting, method: str, builder: str, arguments: dict, *, kind: str, obj, version
) -> None:
    """Record one message for everyone who should have the meeting, rendered by the outbox
    builder `builder`, with the calendar part (`method`, the meeting's present SEQUENCE) for
    those who take invitations: one fan-out row, expanded by the worker."""
    outbox.record_fanout(
        builder,
        {"meeting": meeting.pk, "sequence": meeting.sequence, "method": method, **arguments},
        audience=AUDIENCE,
        kind=kind,
        obj=obj,
        version=version,
    )


def _notify(meeting: Meeting, notice: str, method: str, **old_times) -> None:
    tell_audience(
        meeting,
        method,
        notices.NOTICE_BUILDER,
        notices.notice_arguments(meeting, notice, **old_times),
        kind=f"calendar.{notice}",
        obj=meeting,
        version=meeting.sequence,
    )


def meeting_published(meeting: Meeting) -> None:
    _notify(meeting, "published", calendar.REQUEST)


def meeting_edited(meeting: Meeting, changed: set[str]) -> None:
    """An edit of a published meeting that shows in its calendar entry updates every copy.
    A planned meeting is in nobody's calendar yet."""
    if not meeting.is_published or not changed & CALENDAR_FIELDS:
        return
    _notify(meeting, "updated", calendar.REQUEST)


def meeting_moved(
    meeting: Meeting, old_starts_at: datetime.datetime, old_ends_at: datetime.datetime
) -> None:
    _notify(
        meeting,
        "rescheduled",
        calendar.REQUEST,
        old_starts_at=old_starts_at,
        old_ends_at=old_ends_at,
    )


def meeting_cancelled(meeting: Meeting) -> None:
    _notify(meeting, "cancelled", calendar.CANCEL)


def agenda_published(meeting: Meeting, builder: str, arguments: dict, *, obj, version) -> None:
    """A new agenda version changes the entries' description: the sequence rises, and the
    agenda's own e-mail (meetings/agenda/mail.py, rendered by its outbox builder `builder`)
    goes to everyone who should have the meeting, with a REQUEST for each person who takes
    invitations."""
    meeting.raise_sequence()
    tell_audience(
        meeting,
        calendar.REQUEST,
        builder,
        arguments,
        kind="agenda.published",
        obj=obj,
        version=version,
    )


def attach(mail, meeting: Meeting, person: Recipient, method: str | None) -> None:
    """Put the meeting's calendar part on a message another feature writes (the agenda's)."""
    if method is not None:
        ics = calendar.invitation(meeting, person.email, person.full_name, method)
        calendar.attach_invitation(mail, ics, method)


# --- Changes to a seat -----------------------------------------------------------------------


def seat_changed(started: Appointment | None, ended: Appointment | None) -> None:
    """Run inside the appointment's transaction (representatives/appointing.py calls it)."""
    if started is not None:
        _seat_started(started)
    if ended is not None:
        _seat_ended(ended)


def _held(meetings: MeetingQuerySet) -> list[Meeting]:
    """Of these meetings, the coming ones a person may hold a copy of: the published, and the
    cancelled whose cancellation the worker has not yet sent out (it will read the audience
    when it does, and may no longer count the person)."""
    cancelling = outbox.pending_fanouts("calendar.cancelled", Meeting)
    return list(
        meetings.filter(
            Q(status=Meeting.Status.PUBLISHED)
            | Q(status=Meeting.Status.CANCELLED, pk__in=[int(pk) for pk in cancelling])
        )
        .upcoming()
        .select_related("network")
    )


def _seat_started(appointment: Appointment) -> None:
    person = appointment.person
    others = (
        Appointment.objects.current()
        .filter(person=person, network_id=appointment.network_id)
        .exclude(pk=appointment.pk)
    )
    if not takes_invitations(person) or others.exists():
        return  # the feed follows the seat; or they already had the network's meetings
    meetings = list(coming_meetings_for(person).filter(network_id=appointment.network_id))
    for m in meetings:
        notices.record([notices.added_message(m, person, BECAUSE_SEAT)], kind="added", obj=m)


def _seat_ended(appointment: Appointment) -> None:
    person = appointment.person
    if not takes_invitations(person):
        return
    still = set(coming_meetings_for(person).values_list("pk", flat=True))
    meetings = [
        meeting
        for meeting in _held(Meeting.objects.filter(network_id=appointment.network_id))
        if meeting.pk not in still
    ]
    for m in meetings:
        notices.record([notices.removed_message(m, person, BECAUSE_SEAT)], kind="removed", obj=m)


# --- A person's calendar choice --------------------------------------------------------------


def delivery_changed(user: User, before: str) -> None:
    """Invitations → subscription only: cancel the copies they have. Back: send them again."""
    if user.calendar_delivery == before:
        return
    if user.wants_calendar_invitations:
        for m in list(coming_meetings_for(user)):
            notices.record([notices.added_message(m, user, BECAUSE_DELIVERY)], kind="added", obj=m)
        return
    for m in _held(_theirs(user)):
        notices.record([notices.removed_message(m, user, BECAUSE_DELIVERY)], kind="removed", obj=m)


def change_delivery(user: User, delivery: str) -> None:
    """Save a person's calendar choice and tell their Outlook, in one transaction; the row
    is locked, so two tabs switching at once send one set of messages."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        before = locked.calendar_delivery
        user.calendar_delivery = delivery
        user.save(update_fields=["calendar_delivery"])
        delivery_changed(user, before)
