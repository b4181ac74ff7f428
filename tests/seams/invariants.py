"""What must hold between the records and what people see, checked over any world: the
state-machine test's after every step, and the built demo.

Each check raises AssertionError naming what disagrees."""

import datetime
import itertools
import re
from collections.abc import Iterable
from html import unescape

from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from meetings.holidays import is_meeting_day
from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaVersion,
    Meeting,
    MinutesVersion,
    Question,
)
from tests.accounts.support import sign_in_as

State = Question.State
DEALT_WITH_STATES = (State.DEALT_WITH, State.OUTCOME)
# Reported back or closed: dealt with at a meeting if there was one (a written answer has none).
LATER_STATES = (State.REPORTED_BACK, State.CLOSED)


# --- questions ----------------------------------------------------------------------------------


def check_questions() -> None:
    """Every question's state agrees with its agenda item and meeting, and no question is dealt
    with at a meeting that started before it was raised."""
    today = timezone.localdate()
    now = timezone.now()
    questions = Question.objects.select_related("agenda_item__meeting", "meeting").prefetch_related(
        "events"
    )
    for question in questions:
        name = f"question {question.pk} ({question.state})"
        item = question.agenda_item
        assert question.raised_on <= today, f"{name}: raised in the future"
        if question.state == State.ON_AGENDA:
            assert item is not None, f"{name}: on the agenda without an item"
        if item is not None:
            assert item.meeting.network_id == question.network_id, f"{name}: item elsewhere"
            assert item.is_management_question, f"{name}: item not marked as a question"
            if question.state == State.ON_AGENDA:
                # A deferred item hands its question on to the later meeting's proposal.
                assert item.status != AgendaItem.Status.DEFERRED, f"{name}: left on a deferred item"
        if question.state in DEALT_WITH_STATES:
            assert question.meeting is not None, f"{name}: dealt with at no meeting"
        if question.meeting is not None:
            meeting = question.meeting
            assert meeting.starts_at <= now, f"{name}: dealt with at a meeting still to come"
            assert not meeting.is_cancelled, f"{name}: dealt with at a cancelled meeting"
            assert timezone.localdate(meeting.starts_at) >= question.raised_on, (
                f"{name}: dealt with at a meeting held before it was raised"
            )
        if question.state == State.OUTCOME:
            assert question.outcome.strip(), f"{name}: no outcome text"
        if question.reported_back_on is not None:
            assert question.raised_on <= question.reported_back_on <= today, (
                f"{name}: reported back outside its time"
            )
        events = list(question.events.all())
        assert events, f"{name}: no trail"
        assert events[-1].state == question.state, f"{name}: the trail ends elsewhere"


# --- the agenda people see ----------------------------------------------------------------------

_AGENDA = re.compile(r'<section aria-labelledby="agenda">(.*?)</section>', re.S)
_TITLE = re.compile(r'<span class="agenda-title">(.*?)</span>', re.S)


def shown_agenda(html: str) -> list[str]:
    section = _AGENDA.search(html)
    assert section, "the meeting page has no agenda section"
    return [unescape(title.strip()) for title in _TITLE.findall(section[1])]


def check_meeting_pages(reader: Client, meetings: Iterable[Meeting] | None = None) -> None:
    """For someone who does not coordinate, each visible meeting's page shows the latest
    published version of its agenda, item for item (nothing before the first)."""
    if meetings is None:
        meetings = Meeting.objects.exclude(status=Meeting.Status.PLANNED)
    for meeting in meetings:
        response = reader.get(meeting.get_absolute_url())
        assert response.status_code == 200, f"meeting {meeting.pk}: {response.status_code}"
        latest = AgendaVersion.objects.filter(meeting=meeting).order_by("-number").first()
        expected = [entry["title"] for entry in latest.snapshot] if latest else []
        assert shown_agenda(response.content.decode()) == expected, (
            f"meeting {meeting.pk}: the page's agenda is not version "
            f"{latest.number if latest else 0}"
        )


# --- links in e-mails ---------------------------------------------------------------------------

_LINK = re.compile(r"https?://[^\s<>\"')]+")


def check_mail_links(messages: list | None = None, checked: set | None = None) -> None:
    """Every link to this site in every e-mail opens for its recipient (no 403, no 404).
    `checked` (recipient, path) pairs already opened are skipped and the new ones added."""
    site = settings.SITE_URL.rstrip("/")
    checked = set() if checked is None else checked
    clients: dict[str, Client] = {}
    for message in mail.outbox if messages is None else messages:
        for address in message.to:
            user = User.objects.filter(email__iexact=address, is_active=True).first()
            for link in _LINK.findall(message.body):
                if not link.startswith(site):
                    continue
                path = link[len(site) :] or "/"
                if (address, path) in checked:
                    continue
                checked.add((address, path))
                if user is None:
                    continue  # an invited colleague without an account: links need none
                client = clients.get(address)
                if client is None:
                    client = clients[address] = sign_in_as(Client(), user)
                status = client.get(path).status_code
                assert status not in (403, 404), (
                    f"{message.subject!r} to {address}: {path} answers {status}"
                )


# --- the record's own dates ---------------------------------------------------------------------


def check_dates() -> None:
    """Nothing is dated in the future that has already happened, and things happen in order."""
    now = timezone.now()
    for meeting in Meeting.objects.all():
        name = f"meeting {meeting.pk} ({timezone.localdate(meeting.starts_at)})"
        if meeting.published_at is not None:
            assert meeting.published_at <= now, f"{name}: theme published in the future"
            assert meeting.published_at < meeting.starts_at, f"{name}: theme after the meeting"
        if meeting.cancelled_at is not None:
            assert meeting.published_at is not None, f"{name}: cancelled before publishing"
            assert meeting.published_at <= meeting.cancelled_at <= now, f"{name}: cancelled when?"
            assert meeting.cancelled_at < meeting.starts_at, f"{name}: cancelled afterwards"
        if meeting.agenda_published_at is not None:
            assert meeting.published_at is not None, f"{name}: agenda without a theme"
            assert meeting.published_at <= meeting.agenda_published_at <= now, (
                f"{name}: agenda published at an odd time"
            )
    for version in AgendaVersion.objects.select_related("meeting"):
        assert version.published_at <= now, f"agenda version {version.pk} in the future"
        first = version.meeting.agenda_published_at
        assert first is not None and version.published_at >= first, (
            f"agenda version {version.pk} before the agenda was first published"
        )
    for action in ActionItem.objects.select_related("meeting"):
        assert action.due_on >= timezone.localdate(action.meeting.starts_at), (
            f"action {action.pk} due before its own meeting"
        )
    for item in AgendaItem.objects.filter(status=AgendaItem.Status.DEFERRED).select_related(
        "meeting", "deferred_to"
    ):
        target = item.deferred_to
        assert target is not None, f"item {item.pk}: deferred to no meeting"
        assert target.network_id == item.meeting.network_id, f"item {item.pk}: other network"
        assert target.starts_at > item.meeting.starts_at, f"item {item.pk}: deferred backwards"
        assert target.status != Meeting.Status.PLANNED, f"item {item.pk}: to a planned meeting"


def check_meeting_plan(min_days_apart: int = 14) -> None:
    """A network's meetings fall on working days clear of the holidays, weeks apart."""
    by_network: dict[int, list[datetime.date]] = {}
    for meeting in Meeting.objects.not_cancelled().order_by("starts_at"):
        day = timezone.localdate(meeting.starts_at)
        assert (day.month, day.day) not in {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}, (
            f"meeting {meeting.pk} on {day}"
        )
        assert is_meeting_day(day), f"meeting {meeting.pk} on {day}, no day for a meeting"
        by_network.setdefault(meeting.network_id, []).append(day)
    for days in by_network.values():
        for before, after in itertools.pairwise(days):
            assert (after - before).days >= min_days_apart, f"meetings on {before} and {after}"


_REPRESENTED = re.compile(r"(\d+) av (\d+) förvaltningar var representerade")
_MISSING = re.compile(r"Ingen kom från ([^.]+)\.")


def check_minutes_agree_with_attendance() -> None:
    """What a published summary says about who came agrees with the attendance list published
    with it."""
    for version in MinutesVersion.objects.all():
        content = version.content
        groups = content.get("attendance", [])
        present = [
            group["administration"]
            for group in groups
            if any(person.get("attended") for person in group["people"])
        ]
        absent = [
            group["administration"] for group in groups if group["administration"] not in present
        ]
        summary = content.get("summary", "")
        said = _REPRESENTED.search(summary)
        if said:
            assert (int(said[1]), int(said[2])) == (len(present), len(groups)), (
                f"minutes version {version.pk}: {said[0]!r}, the list says {len(present)} "
                f"of {len(groups)}"
            )
        missing = _MISSING.search(summary)
        if missing:
            named = set(missing[1].split(", "))
            assert named == set(absent), f"minutes version {version.pk}: missing {named}"
        assert "utom en" not in summary or len(absent) == 1, f"minutes version {version.pk}"
