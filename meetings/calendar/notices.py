"""The e-mails that tell people of a change to a meeting, and carry its calendar part.

Who is told, and whether their message carries METHOD:REQUEST or METHOD:CANCEL, is decided in
one place, meetings/calendar/outlook.py; this module only writes the messages (Swedish, one per
person) and records them in the outbox within the change's transaction (a rolled-back change
tells nobody; meetings/outbox/). A change to a meeting that tells everyone who should have it
records one fan-out; the worker lists the people, and renders each message at delivery
(`build_notice`).
"""

import copy
import dataclasses
import datetime
from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from config.mail import absolute_url, message, render_text
from meetings.calendar import ics as calendar
from meetings.models import Meeting
from meetings.outbox import builders, outbox

SUBJECT_PREFIX = "[Hållbarhetsnätverken] "


@dataclasses.dataclass(frozen=True)
class InvitedColleague:
    """A colleague a representative invited to the meeting, without an account here."""

    email: str
    full_name: str


def _message(
    meeting: Meeting,
    person: User | InvitedColleague,
    kind: str,
    subject: str,
    method: str | None,
    **extra,
) -> EmailMultiAlternatives:
    """One person's message; with the iTIP calendar part when `method` is given."""
    context = {
        "meeting": meeting,
        "person": person,
        "network": meeting.network,
        "url": absolute_url(meeting.get_absolute_url()),
        "calendar_url": absolute_url(reverse("calendar_page")),
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
    if method is not None:
        ics = calendar.invitation(meeting, person.email, person.full_name, method)
        calendar.attach_invitation(mail, ics, method)
    return mail


def _day(moment: datetime.datetime) -> str:
    with translation.override("sv"):
        return date_format(timezone.localtime(moment), "j F Y")


def _title(meeting: Meeting) -> str:
    return f"{meeting.network.code} {_day(meeting.starts_at)}: {meeting.theme_title}"


def published_message(meeting: Meeting, person, method: str | None) -> EmailMultiAlternatives:
    return _message(meeting, person, "published", _title(meeting), method)


def updated_message(meeting: Meeting, person, method: str | None) -> EmailMultiAlternatives:
    with translation.override("sv"):
        subject = _("Ändrat: %(title)s") % {"title": _title(meeting)}
    return _message(meeting, person, "updated", subject, method)


def rescheduled_message(
    meeting: Meeting,
    person,
    method: str | None,
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
        method,
        old_starts_at=old_starts_at,
        old_ends_at=old_ends_at,
    )


def cancelled_message(meeting: Meeting, person, method: str | None) -> EmailMultiAlternatives:
    with translation.override("sv"):
        subject = _("Inställt: %(code)s %(date)s %(theme)s") % {
            "code": meeting.network.code,
            "date": _day(meeting.starts_at),
            "theme": meeting.theme_title,
        }
    return _message(meeting, person, "cancelled", subject, method)


def added_message(meeting: Meeting, person, because: str) -> EmailMultiAlternatives:
    """The meeting comes into the person's Outlook: a new seat, or back to invitations."""
    with translation.override("sv"):
        subject = _("Till din kalender: %(title)s") % {"title": _title(meeting)}
    return _message(meeting, person, "added", subject, calendar.REQUEST, because=because)


def removed_message(meeting: Meeting, person, because: str) -> EmailMultiAlternatives:
    """The person's invitation copy is removed: the seat ended, or subscription only."""
    with translation.override("sv"):
        subject = _("Borttaget ur din kalender: %(title)s") % {"title": _title(meeting)}
    return _message(meeting, person, "removed", subject, calendar.CANCEL, because=because)


# The notices of a change to a meeting that go to everyone who should have it: recorded in the
# request as one fan-out (meetings/calendar/outlook.py), expanded into one message per person
# and rendered by the worker.
_MEETING_NOTICES: dict[str, Callable[..., EmailMultiAlternatives]] = {
    "published": published_message,
    "updated": updated_message,
    "rescheduled": rescheduled_message,
    "cancelled": cancelled_message,
}
NOTICE_BUILDER = "calendar.notice"


def notice_arguments(
    meeting: Meeting,
    notice: str,
    *,
    old_starts_at: datetime.datetime | None = None,
    old_ends_at: datetime.datetime | None = None,
) -> dict:
    """What every person's `notice` of the meeting needs, rendered by the worker
    (`build_notice`), beside what the audience adds for each (address, name, method)."""
    if notice not in _MEETING_NOTICES:
        raise ValueError(f"Unknown meeting notice {notice!r}")
    arguments: dict = {"notice": notice}
    if notice == "rescheduled":
        if old_starts_at is None or old_ends_at is None:
            raise ValueError("A rescheduled notice needs the old start and end")
        arguments["old_starts_at"] = old_starts_at.isoformat()
        arguments["old_ends_at"] = old_ends_at.isoformat()
    return arguments


def notice_meeting(pk: int, cache: dict) -> Meeting:
    """The meeting with what its messages show, read once per delivery pass (the outbox's
    `cache`), however many of its messages the pass sends. Not to be changed: copy it."""
    key = ("calendar.meeting", pk)
    if key not in cache:
        cache[key] = (
            Meeting.objects.select_related("network").prefetch_related("work_areas").get(pk=pk)
        )
    return cache[key]


def as_recorded(arguments: dict, cache: dict) -> Meeting:
    """The meeting as it is now, but with the SEQUENCE the message was recorded with."""
    meeting = copy.copy(notice_meeting(int(arguments["meeting"]), cache))
    meeting.sequence = min(meeting.sequence, int(arguments["sequence"]))
    return meeting


@builders.builder(NOTICE_BUILDER)
def build_notice(arguments: dict, cache: dict) -> EmailMultiAlternatives:
    """One person's notice, rendered from the meeting as it is now (in Swedish).

    If the meeting has changed again since the notice was recorded, the text and calendar part
    show it as it is now, but the calendar part keeps the SEQUENCE the notice was recorded
    with: Outlook then ignores it if the later notice (higher SEQUENCE) reached it first, and
    the later notice supersedes it otherwise. A late REQUEST never undoes a later CANCEL.
    """
    # A copy: the sequence is this notice's, and the cached meeting serves the others too.
    meeting = as_recorded(arguments, cache)
    person = InvitedColleague(arguments["email"], arguments.get("full_name") or "")
    method = arguments.get("method")
    notice = arguments["notice"]
    if notice == "rescheduled":
        return rescheduled_message(
            meeting,
            person,
            method,
            datetime.datetime.fromisoformat(arguments["old_starts_at"]),
            datetime.datetime.fromisoformat(arguments["old_ends_at"]),
        )
    return _MEETING_NOTICES[notice](meeting, person, method)


def record(messages: list[EmailMultiAlternatives], *, kind: str, obj, version=None) -> None:
    """Record the messages in the outbox, within the surrounding transaction."""
    outbox.record(messages, kind=f"calendar.{kind}", obj=obj, version=version)
