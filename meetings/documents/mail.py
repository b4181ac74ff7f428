"""Notices to a network's representatives and substitutes (Swedish) when a document is added or
a document being drawn up moves on a step, recorded in the outbox with the change.

The person who made the change gets none, nor does anyone who switched "Nya dokument" off under
Påminnelser. The outbox keeps one message per person, document and event (added, or the step
reached), so a step taken again after a correction is not announced twice.
"""

from django.urls import reverse
from django.utils import translation

from accounts.models import User
from config.mail import absolute_url, message, render_subject, render_text
from meetings.models import Document, ReminderPreferences
from meetings.outbox import outbox
from representatives.recipients import network_recipients

ADDED = "document.added"
STEP = "document.step"


def recipients(document: Document, actor: User | None) -> list[User]:
    """The network's current representatives and substitutes who want the notice (one query)."""
    switched_off = ReminderPreferences.objects.filter(documents=False).values("user_id")
    return list(
        network_recipients(document.network_id, exclude=[actor]).exclude(pk__in=switched_off)
    )


def _record(document: Document, actor: User | None, kind: str, version: str, name: str) -> None:
    people = recipients(document, actor)
    if not people:
        return
    with translation.override("sv"):
        context = {
            "document": document,
            "network": document.network,
            "url": absolute_url(document.get_absolute_url()),
            "preferences_url": absolute_url(reverse("reminder_preferences")),
        }
        subject = render_subject(f"meetings/documents/email/{name}_subject.txt", context)
        body = render_text(f"meetings/documents/email/{name}.txt", context)
    outbox.record(
        [message(subject, body, to=[person.email]) for person in people],
        kind=kind,
        obj=document,
        version=version,
    )


def document_added(document: Document, actor: User | None) -> None:
    _record(document, actor, ADDED, "added", "added")


def drafting_step_reached(document: Document, actor: User | None) -> None:
    """A document being drawn up reached the step in `drafting_status`."""
    if document.drafting_status:
        _record(document, actor, STEP, document.drafting_status, "step")
