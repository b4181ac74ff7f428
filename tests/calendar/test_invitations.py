"""iTIP invitations by e-mail: what the coordinators' notifications send."""

import datetime
import email

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from meetings.calendar import ics as calendar
from meetings.models import Meeting
from tests import factories
from tests.calendar.ics import events, parse

pytestmark = pytest.mark.django_db


def send(meeting, method: str) -> EmailMultiAlternatives:
    ics = calendar.invitation(meeting, "rita@example.org", "Rita Representant", method)
    message = EmailMultiAlternatives(
        subject=str(meeting), body="Se kalenderinbjudan.", to=["rita@example.org"]
    )
    calendar.attach_invitation(message, ics, method)
    message.send()
    return message


def calendar_part(message):
    """The text/calendar part of the sent message, parsed as a mail client would."""
    # As Django's SMTP backend puts it on the wire: CRLF line ends.
    parsed = email.message_from_bytes(message.message().as_bytes(linesep="\r\n"))
    assert parsed.get_content_type() == "multipart/alternative"
    parts = parsed.get_payload()
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/calendar"]
    part = parts[1]
    assert part.get_content_charset() == "utf-8"
    assert not part.get_filename()  # an alternative, not an attachment
    return part, part.get_payload(decode=True)


def test_request_invitation_properties_both_parsers(neh):
    neh.organizer_email = "neh@example.org"
    neh.save(update_fields=["organizer_email"])
    meeting = factories.make_meeting(neh, theme_title="Cirkulär upphandling", sequence=2)
    body = calendar.invitation(meeting, "rita@example.org", "Rita Representant", "REQUEST")
    cal, other = parse(body)
    assert cal["METHOD"] == "REQUEST"
    (event,) = events(cal)
    assert event["UID"] == f"{meeting.uid}@hallbarhetsnatverken"
    assert event["SEQUENCE"] == 2
    assert event["ORGANIZER"] == "mailto:neh@example.org"
    assert event["ORGANIZER"].params["CN"] == neh.name
    attendee = event["ATTENDEE"]
    assert attendee == "mailto:rita@example.org"
    assert attendee.params["RSVP"] == "TRUE"
    assert attendee.params["CN"] == "Rita Representant"
    assert event["STATUS"] == "CONFIRMED"
    assert abs(event.decoded("DTSTAMP") - timezone.now()) < datetime.timedelta(minutes=1)
    assert other.method.value == "REQUEST"
    assert other.vevent.organizer.value == "mailto:neh@example.org"
    assert other.vevent.attendee.params["RSVP"] == ["TRUE"]


def test_organizer_falls_back_to_default_from_email(neh, settings):
    settings.DEFAULT_FROM_EMAIL = "Hållbarhetsnätverken <natverken@example.org>"
    meeting = factories.make_meeting(neh)
    cal, _ = parse(calendar.invitation(meeting, "x@example.org", "", "REQUEST"))
    (event,) = events(cal)
    assert event["ORGANIZER"] == "mailto:natverken@example.org"
    assert "CN" not in event["ATTENDEE"].params


def test_unknown_method_is_refused(neh):
    meeting = factories.make_meeting(neh)
    with pytest.raises(ValueError):
        calendar.invitation(meeting, "x@example.org", "X", "PUBLISH")
    with pytest.raises(ValueError):
        calendar.attach_invitation(EmailMultiAlternatives(), b"", "PUBLISH")


def test_invitation_message_mime_structure(neh, mailoutbox):
    meeting = factories.make_meeting(neh, theme_title="Åtgärder för ren luft")
    send(meeting, "REQUEST")
    assert len(mailoutbox) == 1
    part, payload = calendar_part(mailoutbox[0])
    assert part.get_param("method") == "REQUEST"
    cal, _ = parse(payload)
    assert cal["METHOD"] == "REQUEST"
    assert events(cal)[0]["SUMMARY"] == "NEH: Åtgärder för ren luft"


def test_sequence_rises_over_publish_reschedule_cancel(neh, mailoutbox):
    """The coordinators' flows raise the sequence; here the changes are made by hand."""
    meeting = factories.make_meeting(neh, status=Meeting.Status.PLANNED, theme_title="Vatten")
    feed_uid = events(parse(calendar.meeting_file(meeting))[0])[0]["UID"]

    meeting.status = Meeting.Status.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.save()
    send(meeting, "REQUEST")

    meeting.starts_at += datetime.timedelta(days=7)
    meeting.ends_at += datetime.timedelta(days=7)
    meeting.sequence += 1
    meeting.save()
    send(meeting, "REQUEST")

    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save()
    send(meeting, "CANCEL")

    seen = []
    for message in mail.outbox:
        part, payload = calendar_part(message)
        cal, other = parse(payload)
        (event,) = events(cal)
        seen.append(
            (
                part.get_param("method"),
                cal["METHOD"],
                event["UID"],
                event["SEQUENCE"],
                event["STATUS"],
            )
        )
        assert int(other.vevent.sequence.value) == event["SEQUENCE"]
    assert seen == [
        ("REQUEST", "REQUEST", feed_uid, 0, "CONFIRMED"),
        ("REQUEST", "REQUEST", feed_uid, 1, "CONFIRMED"),
        ("CANCEL", "CANCEL", feed_uid, 2, "CANCELLED"),
    ]
    cancel = events(parse(calendar_part(mail.outbox[2])[1])[0])[0]
    assert str(cancel["SUMMARY"]).startswith("INSTÄLLT: ")
    moved = events(parse(calendar_part(mail.outbox[1])[1])[0])[0]
    assert moved.decoded("DTSTART") == meeting.starts_at
