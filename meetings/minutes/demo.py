"""Demo data for minutes and action items: the last held NEH meeting has published
minutes (version 1 and a corrected version 2) with notes and outcomes, a correction begun in
the draft and not published, and two actions for
Miljöförvaltningen, one done and one open; the open one shows under "Uppföljning" on the next
NEH meeting by itself. Idempotent: does nothing when that meeting already has minutes.

The loop's question (meetings/questions/demo.py, seeded before this) is on that meeting's
agenda: its entry gets the question's outcome, the open action comes from its item, and the
question moves on to "dealt with" and "outcome" as publishing does it
(meetings/minutes/outcomes.py), written here as rows so seeding sends no e-mail."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from meetings.minutes import actions
from meetings.minutes import workflow as minutes
from meetings.models import (
    AgendaItem,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    Question,
    QuestionEvent,
)
from meetings.questions.demo import LOOP_ACTION, LOOP_OUTCOME

QUESTION_NOTE = (
    "Miljöförvaltningens representant presenterade ledningsgruppens fråga. Flera förvaltningar "
    "planerar solceller på sina verksamhetslokaler."
)

# A correction the coordinator has begun but not published: the draft says it, nobody but the
# network's coordinators reads it (search finds the published text only, for everyone else).
DRAFT_CORRECTION = (
    "Utkast, inte publicerat: solcellerna på stadshusets tak levererade mindre än väntat under "
    "vintern."
)

if TYPE_CHECKING:
    from meetings.demo import World


NOTES = {
    AgendaItem.Kind.INFORMATION: (
        "Hållbarhetsenheten berättade om **läget i klimatarbetet** och om kommande remisser.",
        "Informationen noterades.",
    ),
    AgendaItem.Kind.EXPERIENCE: (
        "Tre förvaltningar berättade hur de arbetar med temat:\n\n"
        "- Miljöförvaltningen: kartläggning av skyfallsrisker\n"
        "- Socialförvaltningen: värmeplaner för äldreboenden\n"
        "- Stadsbyggnadskontoret: grönytefaktor i detaljplaner",
        "Presentationerna skickas ut med minnesanteckningarna.",
    ),
    AgendaItem.Kind.DISCUSSION: (
        "Nätverket diskuterade vilka frågor som ska prioriteras gemensamt under terminen.",
        "Nätverket prioriterar **klimatanpassning** och **cirkulär upphandling**. "
        "Miljöförvaltningen tar fram ett underlag till nästa möte.",
    ),
    AgendaItem.Kind.CONSULTATION: (
        "Remissen om kommunens styrdokument gicks igenom. Se "
        "[remissen](https://www.example.org/remiss) för hela texten.",
        "Förvaltningarna svarar var för sig senast sista svarsdagen.",
    ),
}


def build_minutes_demo(coordinator, miljo, accounts) -> None:
    held = (
        Meeting.objects.filter(network__code="NEH", status=Meeting.Status.PUBLISHED).past().first()
    )
    if held is None or Minutes.objects.filter(meeting=held).exists():
        return
    items = minutes.agenda_items(held)
    if not items:
        return
    default = ("Punkten behandlades.", "")
    carried = {
        q.agenda_item_id: q
        for q in Question.objects.filter(agenda_item__in=items, state=Question.State.ON_AGENDA)
    }
    entries = {
        item.pk: dict(zip(("note", "outcome"), NOTES.get(item.kind, default), strict=True))  # type: ignore[call-overload]
        for item in items
    }
    for item_pk in carried:
        entries[item_pk] = {"note": QUESTION_NOTE, "outcome": LOOP_OUTCOME}  # type: ignore[index]
    represented, missing = _represented(held)
    summary = (
        f"Mötet öppnades av samordnaren. {len(represented)} av "
        f"{len(represented) + len(missing)} förvaltningar var representerade."
    )
    draft = minutes.save_draft(held, coordinator, summary, entries, seen_version=0)
    meeting_day = timezone.localdate(held.starts_at)
    discussion = next((i for i in items if i.kind == AgendaItem.Kind.DISCUSSION), items[0])
    experience = next((i for i in items if i.kind == AgendaItem.Kind.EXPERIENCE), items[0])
    representative = accounts["representant.miljo@example.org"]
    done = actions.create(
        held,
        coordinator,
        agenda_item=experience,
        title="Skicka ut presentationerna från erfarenhetsutbytet",
        administrations=[miljo],
        due_on=meeting_day + datetime.timedelta(days=7),
    )
    question_item = next((i for i in items if i.pk in carried), None)
    # Due by the network's next meeting, so it is listed under that meeting's "Uppföljning".
    coming = Meeting.objects.filter(network=held.network).upcoming().not_cancelled().first()
    due_on = max(timezone.localdate(), meeting_day) + datetime.timedelta(days=21)
    if coming is not None:
        due_on = min(due_on, timezone.localdate(coming.starts_at))
    actions.create(
        held,
        coordinator,
        agenda_item=question_item or discussion,
        title=LOOP_ACTION
        if question_item
        else "Ta fram ett underlag om klimatanpassning till nästa möte",
        administrations=[miljo],
        due_on=due_on,
    )
    # Published directly (as the agenda demo does), so seeding sends no e-mail.
    MinutesVersion.objects.create(
        minutes=draft, number=1, content=minutes.content(held, draft), published_by=coordinator
    )
    for question in carried.values():
        _carry(question, held, coordinator, entries[question.agenda_item_id]["outcome"])  # type: ignore[index]
    actions.mark_done(done, representative, "Presentationerna skickades ut till nätverket.")
    if missing:
        draft.summary = f"{summary} Ingen kom från {', '.join(missing)}."
        note = "Förtydligat vilka förvaltningar som saknades; en åtgärd är klar."
    else:
        note = "En åtgärd är klar."
    draft.save(update_fields=["summary", "updated_at"])
    MinutesVersion.objects.create(
        minutes=draft,
        number=2,
        content=minutes.content(held, draft),
        correction_note=note,
        published_by=coordinator,
    )
    MinutesEntry.objects.filter(minutes=draft, agenda_item=discussion).update(note=DRAFT_CORRECTION)


def _represented(held: Meeting) -> tuple[list[str], list[str]]:
    """The administrations with someone ticked present at the meeting, and those without: what
    the summary says agrees with the attendance list published with it."""
    represented: list[str] = []
    missing: list[str] = []
    for group in minutes.attendance_content(held):
        present = any(person["attended"] for person in group["people"])
        (represented if present else missing).append(group["administration"])
    return represented, missing


def _carry(question: Question, held: Meeting, coordinator, outcome: str) -> None:
    """On the agenda → dealt with → outcome, the day after the meeting, by the coordinator."""
    at = min(timezone.now(), held.ends_at + datetime.timedelta(days=1))
    for state, note in (
        (Question.State.DEALT_WITH, "Behandlad enligt minnesanteckningarna, version 1."),
        (Question.State.OUTCOME, outcome),
    ):
        event = QuestionEvent.objects.create(
            question=question, state=state, actor=coordinator, note=note, meeting=held
        )
        QuestionEvent.objects.filter(pk=event.pk).update(at=at)
    Question.objects.filter(pk=question.pk).update(
        state=Question.State.OUTCOME, meeting=held, outcome=outcome
    )


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    build_minutes_demo(world.coordinator, world.administrations["MF"], world.accounts)
