"""E-mails to a network when a meeting's theme is published, the meeting moves or is cancelled.

One message per person, in Swedish, sent after the transaction commits (a rolled-back change
tells nobody). Each message carries an iTIP calendar part (METHOD:REQUEST for a published or
moved meeting, METHOD:CANCEL for a cancelled one) with the feeds' UID and the meeting's raised
SEQUENCE, so Outlook adds, updates or removes one and the same entry. People who chose to follow
the meetings by calendar subscription only get the text, so no one has every meeting twice.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from config.mail import message, render_text
from meetings.calendar import ics as calendar
from meetings.models import Meeting
from networks.models import Network
from representatives.models import Appointment

SUBJECT_PREFIX = "[Hållbarhetsnätverken] "


def network_recipients(network: Network) -> list[User]:
    """Every current representative and substitute of the network, each person once."""
    person_ids = (
        Appointment.objects.current().filter(network=network).values_list("person_id", flat=True)
    )
    return list(
        User.objects.filter(pk__in=person_ids, is_active=True).exclude(email="").order_by("email")
    )


@dataclasses.dataclass(frozen=True)
class InvitedColleague:
    """A colleague a representative invited to the meeting; often without an account.

    Told of a move or a cancellation like the network's people, always with the calendar part
    (they were sent the meeting as a calendar file when invited)."""

    email: str
    full_name: str
    wants_calendar_invitations: bool = True


def invited_colleagues(meeting: Meeting, exclude: list[User]) -> list[InvitedColleague]:
    """The meeting's invited colleagues, each address once, leaving out people already told."""
    told = {person.email.lower() for person in exclude}
    colleagues: dict[str, InvitedColleague] = {}
    for invitation in meeting.invitations.order_by("pk"):
        address = invitation.email.lower()
        if address not in told and address not in colleagues:
            colleagues[address] = InvitedColleague(invitation.email, invitation.full_name)
    return list(colleagues.values())


def _everyone(meeting: Meeting) -> list:
    people = network_recipients(meeting.network)
    return people + invited_colleagues(meeting, exclude=people)


def _message(
    meeting: Meeting, person: User | InvitedColleague, kind: str, subject: str, method: str, **extra
) -> EmailMultiAlternatives:
    context = {
        "meeting": meeting,
        "person": person,
        "network": meeting.network,
        "url": settings.SITE_URL.rstrip("/") + meeting.get_absolute_url(),
        **extra,
    }
    with translation.override("sv"):
        body = render_text(f"meetings/calendar/email/{kind}.txt", context)
    mail = message(
        SUBJECT_PREFIX + subject,
        body,
        to=[person.email],
        reply_to=[meeting.network.organizer_email] if meeting.network.organizer_email else None,
    )
    if person.wants_calendar_invitations:
        ics = calendar.invitation(meeting, person.email, person.full_name, method)
        calendar.attach_invitation(mail, ics, method)
    return mail


def _day(moment: datetime.datetime) -> str:
    with translation.override("sv"):
        return date_format(timezone.localtime(moment), "j F Y")


def published_message(meeting: Meeting, person: User) -> EmailMultiAlternatives:
    subject = f"{meeting.network.code} {_day(meeting.starts_at)}: {meeting.theme_title}"
    return _message(meeting, person, "published", subject, calendar.REQUEST)


def rescheduled_message(
    meeting: Meeting,
    person: User | InvitedColleague,
    old_starts_at: datetime.datetime,
    old_ends_at: datetime.datetime,
) -> EmailMultiAlternatives:
    with translation.override("sv"):
        subject = _("Mötet flyttas: %(code)s %(theme)s") % {
            "code": meeting.network.code,
            "theme": meeting.theme_title,
        }
    return _message(
        meeting,
        person,
        "rescheduled",
        subject,
        calendar.REQUEST,
        old_starts_at=old_starts_at,
        old_ends_at=old_ends_at,
    )


def cancelled_message(meeting: Meeting, person: User | InvitedColleague) -> EmailMultiAlternatives:
    with translation.override("sv"):
        subject = _("Inställt: %(code)s %(date)s %(theme)s") % {
            "code": meeting.network.code,
            "date": _day(meeting.starts_at),
            "theme": meeting.theme_title,
        }
    return _message(meeting, person, "cancelled", subject, calendar.CANCEL)


def _send_on_commit(build) -> None:
    """Build and send one message per recipient once the surrounding transaction commits."""

    def send() -> None:
        messages = build()
        if messages:
            get_connection().send_messages(messages)

    transaction.on_commit(send)


def notify_published(meeting: Meeting) -> None:
    _send_on_commit(
        lambda: [published_message(meeting, p) for p in network_recipients(meeting.network)]
    )


def notify_rescheduled(
    meeting: Meeting, old_starts_at: datetime.datetime, old_ends_at: datetime.datetime
) -> None:
    _send_on_commit(
        lambda: [
            rescheduled_message(meeting, p, old_starts_at, old_ends_at) for p in _everyone(meeting)
        ]
    )


def notify_cancelled(meeting: Meeting) -> None:
    _send_on_commit(lambda: [cancelled_message(meeting, p) for p in _everyone(meeting)])
