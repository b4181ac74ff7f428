"""The agenda's e-mails (Swedish): decisions to the proposer, published versions to members.

Every message is recorded in the outbox within the change's transaction (meetings/outbox/),
so a rolled-back change sends nothing and a saved one loses nothing.
"""

from django.urls import reverse
from django.utils import translation

from config.mail import absolute_url, message, render_subject, render_text
from meetings.agenda.versions import as_text, changes_since_previous
from meetings.calendar import outlook
from meetings.documents import workflow as documents
from meetings.models import AgendaItem, AgendaVersion
from meetings.outbox import outbox


def send_decision(item: AgendaItem) -> None:
    """Tell the proposer that their proposal was accepted, deferred or declined, and why."""
    if item.proposed_by is None or not item.proposed_by.email:
        return
    with translation.override("sv"):
        context = {
            "item": item,
            "meeting": item.meeting,
            "person": item.proposed_by,
            "status": item.get_status_display().lower(),
            "proposals_url": absolute_url(
                reverse("agenda_proposals", kwargs={"pk": item.meeting_id})
            ),
            "deferred_to_url": absolute_url(item.deferred_to.get_absolute_url())
            if item.deferred_to
            else "",
        }
        subject = render_subject("meetings/agenda/email/decision_subject.txt", context)
        body = render_text("meetings/agenda/email/decision.txt", context)
    outbox.record(
        message(subject, body, to=[item.proposed_by.email]),
        kind="agenda.decision",
        obj=item,
    )


def send_version_published(version: AgendaVersion) -> None:
    """Tell everyone who should have the meeting, agenda included; the message carries the
    updated calendar entry for those who take invitations (meetings/calendar/outlook.py)."""
    meeting = version.meeting
    previous = meeting.agenda_versions.filter(number__lt=version.number).order_by("-number").first()
    recipients = outlook.agenda_published(meeting)
    if not recipients:
        return
    with translation.override("sv"):
        context = {
            "version": version,
            "meeting": meeting,
            "agenda_text": as_text(
                meeting, version, documents=documents.meeting_documents(meeting)
            ),
            "changes": changes_since_previous(version, previous) if previous else None,
            "url": absolute_url(version.get_absolute_url()),
        }
        subject = render_subject("meetings/agenda/email/published_subject.txt", context)
        body = render_text("meetings/agenda/email/published.txt", context)

    messages = []
    for person, method in recipients:
        mail = message(subject, body, to=[person.email])
        outlook.attach(mail, meeting, person, method)
        messages.append(mail)
    outbox.record(messages, kind="agenda.published", obj=version, version=version.number)
