"""The demo's questions from Miljöförvaltningen's management group in NEH, one in each part of
the loop: raised, on the agenda of the next published meeting, answered in writing, given an
outcome at a held meeting (waiting to be reported back), and closed. Idempotent."""

import datetime

from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from meetings.models import AgendaItem, Meeting
from meetings.models_governance import Question, QuestionEvent
from networks.models import Network
from representatives.models import Administration

State = Question.State


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
    held = list(published.filter(starts_at__lt=now).order_by("-starts_at")[:2])

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
        outcome = "Nätverket tar fram en gemensam upphandlingsmall till nästa termin."
        question(
            "Kan vi upphandla solceller tillsammans?",
            "Flera förvaltningar planerar solel; går det att samordna upphandlingen?",
            (today - held[0].starts_at.date()).days + 10,
            [
                (State.ON_AGENDA, representative, "", held[0]),
                (State.DEALT_WITH, coordinator, "", held[0]),
                (State.OUTCOME, coordinator, outcome, held[0]),
            ],
            meeting=held[0],
            outcome=outcome,
        )
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
