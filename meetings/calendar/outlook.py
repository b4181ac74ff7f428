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
worker (meetings/calendar/notices.py, meetings/outbox/); the notices of a change to a meeting
are recorded as what each needs and rendered by the worker, so the request costs the same for
any number of people.
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
from representatives.models import Appointment
from representatives.recipients import network_recipients

# What the reason line of an "added" or "removed" message says.
BECAUSE_SEAT = "seat"
BECAUSE_DELIVERY = "delivery"

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


def coming_meetings_for(user: User) -> MeetingQuerySet:
    """The published, not yet ended meetings the user should have in Outlook."""
    if not user.is_active or not user.email:
        return Meeting.objects.none()
    networks = Appointment.objects.current().filter(person=user).values("network_id")
    invited = Invitation.objects.filter(email__iexact=user.email).values("meeting_id")
    return (
        Meeting.objects.filter(status=Meeting.Status.PUBLISHED)
        .upcoming()
        .filter(Q(network_id__in=networks) | Q(pk__in=invited))
        .select_related("network")
    )


# --- Changes to a meeting --------------------------------------------------------------------


def _told(meeting: Meeting, method: str) -> list[tuple[Recipient, str | None]]:
    return [(person, _method(person, method)) for person in audience(meeting)]


def meeting_published(meeting: Meeting) -> None:
    notices.notify_later(meeting, "published", _told(meeting, calendar.REQUEST))


def meeting_edited(meeting: Meeting, changed: set[str]) -> None:
    """An edit of a published meeting that shows in its calendar entry updates every copy.
    A planned meeting is in nobody's calendar yet."""
    if not meeting.is_published or not changed & CALENDAR_FIELDS:
        return
    notices.notify_later(meeting, "updated", _told(meeting, calendar.REQUEST))


def meeting_moved(
    meeting: Meeting, old_starts_at: datetime.datetime, old_ends_at: datetime.datetime
) -> None:
    notices.notify_later(
        meeting,
        "rescheduled",
        _told(meeting, calendar.REQUEST),
        old_starts_at=old_starts_at,
        old_ends_at=old_ends_at,
    )


def meeting_cancelled(meeting: Meeting) -> None:
    notices.notify_later(meeting, "cancelled", _told(meeting, calendar.CANCEL))


def agenda_published(meeting: Meeting) -> list[tuple[Recipient, str | None]]:
    """A new agenda version changes the entries' description: the sequence rises, and the
    agenda's own e-mail (meetings/agenda/mail.py) goes to everyone who should have the
    meeting, with a REQUEST for each person who takes invitations. Returns who and how."""
    meeting.raise_sequence()
    return [(person, _method(person, calendar.REQUEST)) for person in audience(meeting)]


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
        for meeting in Meeting.objects.filter(
            status=Meeting.Status.PUBLISHED, network_id=appointment.network_id
        )
        .upcoming()
        .select_related("network")
        if meeting.pk not in still
    ]
    for m in meetings:
        notices.record([notices.removed_message(m, person, BECAUSE_SEAT)], kind="removed", obj=m)


# --- A person's calendar choice --------------------------------------------------------------


def delivery_changed(user: User, before: str) -> None:
    """Invitations → subscription only: cancel the copies they have. Back: send them again."""
    if user.calendar_delivery == before:
        return
    meetings = list(coming_meetings_for(user))
    for m in meetings:
        if user.wants_calendar_invitations:
            notices.record([notices.added_message(m, user, BECAUSE_DELIVERY)], kind="added", obj=m)
        else:
            notices.record(
                [notices.removed_message(m, user, BECAUSE_DELIVERY)], kind="removed", obj=m
            )


def change_delivery(user: User, delivery: str) -> None:
    """Save a person's calendar choice and tell their Outlook, in one transaction; the row
    is locked, so two tabs switching at once send one set of messages."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        before = locked.calendar_delivery
        user.calendar_delivery = delivery
        user.save(update_fields=["calendar_delivery"])
        delivery_changed(user, before)
