"""Demo data for the report-back pack: NEH's latest held meeting, with Miljöförvaltningen's pack
marked presented (through `report_back.mark_presented`, so the loop's question is reported back)
and Tekniska förvaltningen's not yet.

Called from `meetings/demo.py`. Idempotent: every row is looked for before it is made. Where the
questions' or minutes' own demo has already given the meeting a question, minutes or actions,
they are used as they are; otherwise a minimal set is made here so the pack has content.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from meetings.models import (
    ActionItem,
    AgendaItem,
    Document,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    Question,
    QuestionEvent,
    ReportBack,
)
from meetings.report_back import pack as report_back
from networks.models import Network
from representatives.models import Administration

if TYPE_CHECKING:
    from meetings.demo import World


QUESTION_TITLE = "Hur når förvaltningarna målet om fossilfria tjänsteresor?"


@transaction.atomic
def seed(today: datetime.date | None = None) -> ReportBack | None:
    today = today or timezone.localdate()
    neh = Network.objects.filter(code="NEH").first()
    miljo = Administration.objects.filter(short_name="MF").first()
    representative = User.objects.filter(email="representant.miljo@example.org").first()
    coordinator = User.objects.filter(email="samordnare@example.org").first()
    held = (
        Meeting.objects.held().filter(network=neh).order_by("-starts_at").first() if neh else None
    )
    if held is None or miljo is None or representative is None:
        return None
    meeting_day = timezone.localdate(held.starts_at)
    items = list(held.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).order_by("position"))
    if not Question.objects.filter(meeting=held, administration=miljo).exists():
        question = Question.objects.create(  # type: ignore[misc]
            network=neh,
            administration=miljo,
            title=QUESTION_TITLE,
            description="Ledningsgruppen vill veta hur andra förvaltningar har gjort.",
            raised_on=meeting_day - datetime.timedelta(days=21),
            raised_by=representative,
            state=Question.State.OUTCOME,
            meeting=held,
            outcome="Nätverket tar fram en gemensam resepolicy; Miljöförvaltningen leder arbetet.",
        )
        for state, actor in (
            (Question.State.RAISED, representative),
            (Question.State.DEALT_WITH, coordinator),
            (Question.State.OUTCOME, coordinator),
        ):
            QuestionEvent.objects.create(question=question, state=state, actor=actor, meeting=held)
    if not Minutes.objects.filter(meeting=held).exists() and items:
        minutes = Minutes.objects.create(meeting=held, written_by=coordinator)
        entries = [
            MinutesEntry(
                minutes=minutes,
                agenda_item=item,
                note="Diskuterades.",
                outcome="Nätverket ställer sig bakom förslaget." if index == 0 else "",
            )
            for index, item in enumerate(items)
        ]
        MinutesEntry.objects.bulk_create(entries)
        MinutesVersion.objects.create(
            minutes=minutes,
            number=1,
            published_by=coordinator,
            content={
                "summary": "",
                "entries": [
                    {"agenda_item": e.agenda_item_id, "note": e.note, "outcome": e.outcome}
                    for e in entries
                ],
            },
        )
    if not ActionItem.objects.filter(meeting=held, administrations=miljo).exists():
        action = ActionItem.objects.create(
            meeting=held,
            agenda_item=items[0] if items else None,
            title="Ta fram ett utkast till gemensam resepolicy",
            due_on=max(today, meeting_day) + datetime.timedelta(days=30),
            created_by=coordinator,
        )
        action.administrations.add(miljo)
        if meeting_day + datetime.timedelta(days=3) < today:
            late = ActionItem.objects.create(
                meeting=held,
                title="Skicka förvaltningens resestatistik till hållbarhetsenheten",
                due_on=meeting_day + datetime.timedelta(days=3),
                created_by=coordinator,
            )
            late.administrations.add(miljo)
    if not Document.objects.filter(meeting=held).exists():
        Document.objects.create(  # type: ignore[misc]
            network=neh,
            title="Presentation: resvanor i kommunens förvaltningar",
            kind=Document.Kind.REPORT,
            url="https://www.example.org/rapporter/resvanor",
            meeting=held,
            created_by=coordinator,
        )
    # Miljöförvaltningen has presented; the others (Tekniska förvaltningen among them) not yet.
    # Marked the way the representative does it, so the questions with an outcome from the
    # meeting are reported back with it (their trail shows the step).
    report = ReportBack.objects.filter(meeting=held, administration=miljo).first()
    if report is None:
        report, _created = report_back.mark_presented(
            held, miljo, representative, min(today, meeting_day + datetime.timedelta(days=7))
        )
    return report


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    seed(world.today)
