"""The demo's outbox: one message to NEH that could not be delivered (an address that no longer
exists), so "Misslyckade utskick" on NEH's coordination dashboard has something to show."""

from django.utils import timezone

from config.mail import message
from meetings.models import Meeting, OutboxMessage
from meetings.outbox import outbox


def build(world) -> None:
    neh = world.networks["NEH"]
    meeting = Meeting.objects.filter(network=neh, status=Meeting.Status.PUBLISHED).latest(
        "starts_at"
    )
    mail = message(
        f"[Hållbarhetsnätverken] Ändrat: {neh.code} {meeting.theme_title}",
        "Hej!\n\nMötet har ändrats. Läs mer på mötets sida.\n",
        to=["slutat.kollega@example.org"],
    )
    outbox.record(mail, kind="demo.bounced", obj=meeting, version=1)
    OutboxMessage.objects.filter(kind="demo.bounced").update(
        status=OutboxMessage.Status.FAILED,
        attempts=6,
        next_attempt_at=timezone.now(),
        last_error="SMTPRecipientsRefused: 550 5.1.1 <slutat.kollega@example.org>: "
        "Recipient address rejected: User unknown",
    )
