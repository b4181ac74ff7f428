"""An Outlook answer recorded as the person's answer, through the participation workflow.

Each reply is checked first (the meeting by its calendar UID, not an outdated SEQUENCE, the
sender a person seated in the meeting's network who answers for themselves, no later answer
already recorded than the reply's DTSTAMP, as when the mailbox was read late); then
ACCEPTED → "kommer" and DECLINED → "kommer inte" are recorded exactly as an answer on the
meeting page would be, marked as given in Outlook with the person's note, and TENTATIVE is noted
beside the answer without changing it. Anything refused changes nothing and is logged on
`meetings.replies`, with e-mail addresses masked.
"""

import enum
import logging
import uuid

from django.utils import timezone

from accounts.models import User
from meetings.calendar.ics import UID_DOMAIN
from meetings.models import Attendance, Meeting
from meetings.participation import workflow as participation
from meetings.replies.itip import Reply

logger = logging.getLogger("meetings.replies")

ANSWERS = {
    "ACCEPTED": Attendance.Answer.COMING,
    "DECLINED": Attendance.Answer.NOT_COMING,
}


class Outcome(enum.StrEnum):
    RECORDED = "recorded"
    TENTATIVE = "tentative"
    UNKNOWN_MEETING = "unknown meeting"
    OUTDATED = "outdated sequence"
    SUPERSEDED = "superseded"
    NOT_ATTENDEE = "not an attendee"
    REFUSED = "refused"


def masked(address: str) -> str:
    """An address as the logs show it: the first letter of the name and the domain."""
    name, _, domain = address.partition("@")
    return f"{name[:1]}***@{domain}" if domain else "***"


def meeting_for_uid(uid: str) -> Meeting | None:
    """The meeting behind a calendar UID as ics.meeting_uid() writes it (`<uuid>@domain`)."""
    value, _, domain = uid.strip().partition("@")
    if domain.lower() != UID_DOMAIN:
        return None
    try:
        key = uuid.UUID(value)
    except ValueError:
        return None
    return Meeting.objects.select_related("network").filter(uid=key).first()


def seated_person(meeting: Meeting, address: str) -> User | None:
    """The active person with this address who holds a current seat in the meeting's network."""
    person = User.objects.filter(email__iexact=address, is_active=True).first()
    if person is None or participation.own_appointment(person, meeting) is None:
        return None
    return person


def apply(reply: Reply, sender: str) -> Outcome:
    """Record one reply; `sender` is the message's From address (lower case)."""
    meeting = meeting_for_uid(reply.uid)
    if meeting is None:
        logger.warning("Outlook reply ignored: no meeting has the UID %s", reply.uid)
        return Outcome.UNKNOWN_MEETING
    if reply.sequence < meeting.sequence:
        logger.warning(
            "Outlook reply ignored: meeting %s is at sequence %s, the reply answers %s (%s)",
            meeting.pk,
            meeting.sequence,
            reply.sequence,
            masked(reply.attendee),
        )
        return Outcome.OUTDATED
    person = seated_person(meeting, reply.attendee) if sender == reply.attendee else None
    if person is None:
        logger.warning(
            "Outlook reply ignored: %s (sent by %s) has no seat in meeting %s's network",
            masked(reply.attendee),
            masked(sender),
            meeting.pk,
        )
        return Outcome.NOT_ATTENDEE
    earlier = (
        Attendance.objects.filter(meeting=meeting, person=person)
        .values_list("answered_at", flat=True)
        .first()
    )
    if earlier and reply.stamp and earlier > reply.stamp:
        logger.warning(
            "Outlook reply ignored: %s answered meeting %s again after it (%s)",
            masked(reply.attendee),
            meeting.pk,
            reply.stamp.isoformat(),
        )
        return Outcome.SUPERSEDED
    try:
        if reply.partstat == "TENTATIVE":
            participation.note_tentative(meeting, person, comment=reply.comment)
            outcome = Outcome.TENTATIVE
        else:
            participation.answer(
                meeting,
                person,
                ANSWERS[reply.partstat],
                source=Attendance.Source.OUTLOOK,
                comment=reply.comment,
                at=min(reply.stamp, timezone.now()) if reply.stamp else None,
            )
            outcome = Outcome.RECORDED
    except participation.ParticipationError as exc:
        logger.warning(
            "Outlook reply ignored: %s for meeting %s refused: %s",
            masked(reply.attendee),
            meeting.pk,
            exc,
        )
        return Outcome.REFUSED
    logger.info(
        "Svar från Outlook: %s answered %s for meeting %s",
        masked(reply.attendee),
        reply.partstat,
        meeting.pk,
    )
    return outcome
