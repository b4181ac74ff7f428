"""The reminders' e-mails (Swedish), recorded in the outbox.

The outbox keeps one message per recipient, kind, object and version (meetings/outbox/), so the
hourly job may find the same reminder again and again on its day: it is recorded, and sent, once.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import translation

from config.mail import absolute_url, message, render_subject, render_text
from meetings.agenda.versions import as_text
from meetings.documents import workflow as documents
from meetings.models import Meeting, seen_agenda
from meetings.outbox import outbox
from meetings.reminders import due
from meetings.reminders.due import Reminder

# The outbox's kind of each reminder.
OUTBOX_KIND = "reminder.{kind}"


def _links(reminder: Reminder) -> dict:
    context = reminder.context
    kind = reminder.kind
    if kind == due.UNANSWERED:
        return {"url": absolute_url(reverse("my_networks"))}
    if kind == due.PROPOSALS_CLOSING:
        return {
            "url": absolute_url(reverse("agenda_proposals", kwargs={"pk": context["meeting"].pk}))
        }
    if kind == due.ACTION_DUE:
        return {"url": absolute_url(reverse("action_done", kwargs={"pk": context["action"].pk}))}
    if kind == due.CONSULTATION_DUE:
        return {"url": absolute_url(context["document"].get_absolute_url())}
    if kind == due.REPORT_BACK:
        path = reverse(
            "report_back_pack",
            kwargs={"pk": context["meeting"].pk, "administration_pk": context["administration"].pk},
        )
        return {"url": absolute_url(path)}
    return {"url": absolute_url(context["meeting"].get_absolute_url())}


def agenda_text(meeting: Meeting) -> str:
    """The published agenda as plain text, or "" while none is published."""
    version = seen_agenda(meeting)
    if version is None:
        return ""
    return as_text(meeting, version, documents=documents.meeting_documents(meeting))


def build(reminder: Reminder, agendas: dict[int, str]):
    """The reminder's message. `agendas` caches each meeting's agenda text for the day-before
    reminders (many people, one meeting)."""
    context = {
        **reminder.context,
        "person": reminder.person,
        "kind": reminder.kind,
        "preferences_url": absolute_url(reverse("reminder_preferences")),
        **_links(reminder),
    }
    if reminder.kind == due.DAY_BEFORE:
        meeting = reminder.context["meeting"]
        if meeting.pk not in agendas:
            agendas[meeting.pk] = agenda_text(meeting)
        context["agenda_text"] = agendas[meeting.pk]
    template = f"meetings/reminders/email/{reminder.kind}"
    subject = render_subject(f"{template}_subject.txt", context)
    body = render_text(f"{template}.txt", context)
    return message(subject, body, to=[reminder.person.email])


def record(reminders: list[Reminder]) -> int:
    """Record each reminder's message in the outbox (one already there is skipped), in one
    transaction and one insert per kind, object and version, whatever the number of people.
    Returns how many were handed over."""
    agendas: dict[int, str] = {}
    groups: dict[tuple, list] = {}
    with translation.override("sv"):
        for reminder in reminders:
            key = (reminder.kind, type(reminder.obj), reminder.obj.pk, reminder.version)
            groups.setdefault(key, [reminder.obj]).append(build(reminder, agendas))
    with transaction.atomic():
        for (kind, _model, _pk, version), (obj, *messages) in groups.items():
            outbox.record(messages, kind=OUTBOX_KIND.format(kind=kind), obj=obj, version=version)
    return len(reminders)
