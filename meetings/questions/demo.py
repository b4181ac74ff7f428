"""The demo's questions from Miljöförvaltningen's management group in NEH, one in each part of
the loop: raised, on the agenda of the next published meeting, answered in writing, and closed;
and the one that goes all around the loop (`LOOP_TITLE`): proposed to the latest held NEH
meeting's agenda and accepted there. The minutes' demo (which runs next) gives its item an
outcome and an action, and the report-back pack's demo marks the pack presented through
`report_back.mark_presented`, which reports the question back. Idempotent."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from meetings.agenda import versions as agenda_versions
from meetings.models import AgendaItem, AgendaVersion, Meeting, Question, QuestionEvent
from networks.models import Network
from representatives.models import Administration

if TYPE_CHECKING:
    from meetings.demo import World


State = Question.State
LOOP_TITLE = "Kan vi upphandla solceller tillsammans?"
LOOP_OUTCOME = "Nätverket tar fram en gemensam upphandlingsmall för solceller till nästa termin."
LOOP_ACTION = "Ta fram ett utkast till gemensam upphandlingsmall för solceller"


def build_question_demo() -> None:
    neh = Network.objects.get(code="NEH")
    miljo = Administration.objects.filter(short_name="MF").first()
    representative = User.objects.filter(email="representant.miljo@example.org").first()
    coordinator = User.objects.filter(email="samordnare@example.org").first()
    if miljo is None or representative is None or coordinator is None:
        return
    if Question.objects.filter(network=neh, administration=miljo).exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    published = Meeting.objects.filter(network=neh, status=Meeting.Status.PUBLISHED)
    upcoming = published.filter(starts_at__gt=now).order_by("starts_at").first()
    held = list(published.past()[:2])

    def question(title, description, days_ago, trail, **fields):
        raised_on = today - datetime.timedelta(days=days_ago)
        q = Question.objects.create(
            network=neh,
            administration=miljo,
            title=title,
            description=description,
            raised_on=raised_on,
            raised_by=representative,
            **fields,
        )
        steps = [(State.RAISED, representative, "", None), *trail]
        for offset, (state, actor, note, meeting) in enumerate(steps):
            event = QuestionEvent.objects.create(
                question=q, state=state, actor=actor, note=note, meeting=meeting
            )
            at = timezone.make_aware(
                datetime.datetime.combine(
                    raised_on + datetime.timedelta(days=2 + offset * 7), datetime.time(10)
                )
            )
            QuestionEvent.objects.filter(pk=event.pk).update(at=min(at, now))
        Question.objects.filter(pk=q.pk).update(state=steps[-1][0])

    question(
        "Hur följer vi upp koldioxidmålet i verksamhetsplanen?",
        "Ledningsgruppen vill veta hur andra förvaltningar redovisar sina utsläpp.",
        4,
        [],
    )
    if upcoming is not None:
        top = upcoming.agenda_items.aggregate(top=Max("position"))["top"] or 0
        item = AgendaItem.objects.create(
            meeting=upcoming,
            title="Gemensamma kriterier för kemikaliesmarta inköp?",
            description="Fråga från Miljöförvaltningens ledningsgrupp.",
            kind=AgendaItem.Kind.DISCUSSION,
            wished_minutes=20,
            allotted_minutes=20,
            status=AgendaItem.Status.ACCEPTED,
            position=top + 1,
            is_management_question=True,
            proposed_by=representative,
            administration=miljo,
        )
        question(
            item.title,
            "Kan nätverket enas om kriterier som alla förvaltningar använder vid inköp?",
            20,
            [(State.ON_AGENDA, representative, "", upcoming)],
            agenda_item=item,
        )
    answer = (
        "Samhällsbyggnadsförvaltningen ansvarar för skyfallskarteringen; kontaktperson finns "
        "på intranätet."
    )
    question(
        "Vem ansvarar för skyfallskarteringen?",
        "Ledningsgruppen vill veta vart vi vänder oss.",
        30,
        [(State.ANSWERED, coordinator, answer, None)],
        written_answer=answer,
    )
    if held:
        loop_question(held[0], question, representative, miljo)
        last = held[-1]
        outcome = "Förvaltningarna mäter matsvinnet på samma sätt från och med nästa år."
        question(
            "Hur mäter vi matsvinnet i verksamheterna?",
            "Ledningsgruppen vill kunna jämföra med andra förvaltningar.",
            (today - last.starts_at.date()).days + 10,
            [
                (State.ON_AGENDA, representative, "", last),
                (State.DEALT_WITH, coordinator, "", last),
                (State.OUTCOME, coordinator, outcome, last),
                (State.REPORTED_BACK, representative, "Presenterat i ledningsgruppen.", None),
                (State.CLOSED, representative, "", None),
            ],
            meeting=last,
            outcome=outcome,
            reported_back_on=min(today, last.starts_at.date() + datetime.timedelta(days=7)),
        )


def loop_question(held: Meeting, question, representative, miljo) -> None:
    """The question proposed to the held meeting and accepted on its agenda (raised → on the
    agenda); its item joins the meeting's published agenda, as it was accepted before."""
    top = held.agenda_items.aggregate(top=Max("position"))["top"] or 0
    item = AgendaItem.objects.create(
        meeting=held,
        title=LOOP_TITLE,
        description="Fråga från Miljöförvaltningens ledningsgrupp.",
        kind=AgendaItem.Kind.DISCUSSION,
        wished_minutes=15,
        allotted_minutes=15,
        status=AgendaItem.Status.ACCEPTED,
        position=top + 1,
        is_management_question=True,
        proposed_by=representative,
        administration=miljo,
    )
    versions = AgendaVersion.objects.filter(meeting=held)
    if versions.count() == 1:
        versions.update(snapshot=agenda_versions.snapshot(agenda_versions.draft_items(held)))
    question(
        LOOP_TITLE,
        "Flera förvaltningar planerar solel; går det att samordna upphandlingen?",
        (timezone.localdate() - timezone.localdate(held.starts_at)).days + 24,
        [(State.ON_AGENDA, representative, "", held)],
        agenda_item=item,
    )


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    build_question_demo()
