"""The agenda's e-mails (Swedish): decisions to the proposer, published versions to members.

Every message is recorded in the outbox within the change's transaction (meetings/outbox/),
so a rolled-back change sends nothing and a saved one loses nothing. A published version's
e-mail is recorded as one fan-out, expanded and rendered by the worker (this module is imported
when the app starts, so the worker has its builder).
"""

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from config.mail import absolute_url, message, render_subject, render_text
from meetings.agenda.versions import as_text, changes_since_previous
from meetings.calendar import notices, outlook
from meetings.calendar.notices import InvitedColleague
from meetings.documents import workflow as documents
from meetings.models import AgendaItem, AgendaVersion
from meetings.outbox import builders, outbox


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


PUBLISHED_BUILDER = "agenda.published"


def send_version_published(version: AgendaVersion) -> None:
    """Tell everyone who should have the meeting, agenda included; the message carries the
    updated calendar entry for those who take invitations (meetings/calendar/outlook.py).
    Recorded as one fan-out: the worker lists the people and renders each message
    (`build_version_published`), so the request costs the same for any number."""
    outlook.agenda_published(
        version.meeting,
        PUBLISHED_BUILDER,
        {"version": version.pk},
        obj=version,
        version=version.number,
    )


def _published_text(pk: int, cache: dict) -> tuple[str, str]:
    """The subject and text of a published version's e-mail, the same for everyone: rendered
    once per delivery pass (the outbox's `cache`)."""
    key = ("agenda.published", pk)
    if key not in cache:
        version = AgendaVersion.objects.select_related("meeting__network").get(pk=pk)
        meeting = version.meeting
        previous = (
            meeting.agenda_versions.filter(number__lt=version.number).order_by("-number").first()
        )
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
        cache[key] = (subject, body)
    return cache[key]


@builders.builder(PUBLISHED_BUILDER)
def build_version_published(arguments: dict, cache: dict) -> EmailMessage:
    """One person's e-mail of a published agenda version, rendered by the worker; its calendar
    part keeps the SEQUENCE the publishing raised (a later change supersedes it in Outlook)."""
    subject, body = _published_text(int(arguments["version"]), cache)
    mail = message(subject, body, to=[arguments["email"]])
    person = InvitedColleague(arguments["email"], arguments.get("full_name") or "")
    outlook.attach(mail, notices.as_recorded(arguments, cache), person, arguments.get("method"))
    return mail
