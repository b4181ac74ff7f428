"""An answer written as Outlook writes it, dropped into a mailbox: for the demo and for trying
a mailbox out (`manage.py demo_outlook_reply`, docs/features/replies.md).

The message is what Outlook sends when someone presses *Acceptera*, *Avböj* or
*Preliminärt* on an invitation from the app: multipart/alternative with the person's note as
text/plain and the iTIP REPLY as `text/calendar; method=REPLY`, both base64, whose VEVENT has
the invitation's UID and SEQUENCE, the network's organizer address and one ATTENDEE carrying the
answer in PARTSTAT (and COMMENT when there is a note). It is sent from the person's own address
to the network's, so the reader (mailbox.py, workflow.py) handles it exactly like a real one.
"""

import datetime
import imaplib
import time
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Event, vCalAddress

from accounts.models import User
from meetings.calendar import ics
from meetings.models import Meeting
from meetings.replies import mailbox
from representatives.models import Appointment

# What Outlook (Swedish) puts before the meeting's title in the subject, by answer.
ANSWERS = {
    "accepted": ("ACCEPTED", "Accepterat"),
    "declined": ("DECLINED", "Avböjt"),
    "tentative": ("TENTATIVE", "Preliminärt"),
}


def next_meeting_for(person: User) -> Meeting | None:
    """The first published meeting still to start in a network where the person has a seat."""
    networks = Appointment.objects.current().for_person(person).values("network_id")
    return (
        Meeting.objects.filter(
            network_id__in=networks,
            status=Meeting.Status.PUBLISHED,
            starts_at__gt=timezone.now(),
        )
        .select_related("network")
        .order_by("starts_at")
        .first()
    )


def reply_calendar(
    meeting: Meeting, person: User, answer: str, comment: str = "", *, stamp=None
) -> str:
    """The iTIP REPLY of one person to the meeting's current invitation."""
    partstat, prefix = ANSWERS[answer]
    stamp = stamp or timezone.now()
    calendar = Calendar()
    calendar.add("method", "REPLY")
    calendar.add("prodid", "Microsoft Exchange Server 2010")
    calendar.add("version", "2.0")
    event = Event()
    attendee = vCalAddress(f"mailto:{person.email}")
    attendee.params["PARTSTAT"] = partstat
    if person.get_full_name():
        attendee.params["CN"] = person.get_full_name()
    event.add("attendee", attendee)
    if comment:
        event.add("comment", comment, parameters={"LANGUAGE": "sv-SE"})
    with translation.override(settings.LANGUAGE_CODE):
        summary = f"{prefix}: {ics.meeting_summary(meeting)}"
    event.add("summary", summary, parameters={"LANGUAGE": "sv-SE"})
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("uid", ics.meeting_uid(meeting))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("sequence", meeting.sequence)
    organizer = vCalAddress(f"mailto:{ics.organizer_address(meeting.network)}")
    organizer.params["CN"] = meeting.network.name
    event.add("organizer", organizer)
    event.add("transp", "OPAQUE")
    event.add("status", "CONFIRMED")
    event.add("x-microsoft-cdo-replytime", stamp.astimezone(datetime.UTC))
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def reply_message(meeting: Meeting, person: User, answer: str, comment: str = "") -> bytes:
    """The whole e-mail, as it arrives in the network's mailbox."""
    stamp = timezone.now()
    _partstat, prefix = ANSWERS[answer]
    with translation.override(settings.LANGUAGE_CODE):
        summary = ics.meeting_summary(meeting)
    message = EmailMessage(policy=SMTP)
    message["From"] = formataddr((person.get_full_name(), person.email))
    message["To"] = formataddr((meeting.network.name, ics.organizer_address(meeting.network)))
    message["Subject"] = f"{prefix}: {summary}"
    message["Thread-Topic"] = summary
    message["Date"] = format_datetime(stamp.astimezone(datetime.UTC))
    message["Message-ID"] = make_msgid(domain="outlook.example.org")
    message["Content-Language"] = "sv-SE"
    message.set_content(comment + "\n" if comment else "\n", charset="utf-8", cte="base64")
    message.add_alternative(
        reply_calendar(meeting, person, answer, comment, stamp=stamp),
        subtype="calendar",
        charset="utf-8",
        cte="base64",
        params={"method": "REPLY"},
    )
    return message.as_bytes()


def append(url: str, raw: bytes) -> None:
    """Put the message, unseen, into the mailbox's folder (IMAP APPEND)."""
    box = mailbox.Mailbox.from_url(url)
    connection = mailbox.connect(box)
    try:
        # No flags (""): the message arrives unseen. typeshed types the answer as str; imaplib
        # returns (status, data) as for every command.
        answer: tuple[str, list] = connection.append(  # type: ignore[assignment]
            mailbox.quoted(box.folder), "", imaplib.Time2Internaldate(time.time()), raw
        )
        status, data = answer
    except (OSError, imaplib.IMAP4.error) as exc:
        raise mailbox.MailboxError(f"cannot add the message to {box}: {exc}") from None
    finally:
        mailbox.close(connection)
    if status != "OK":
        raise mailbox.MailboxError(f"{box} refused the message: {data!r}")
