"""A question's whole trail, through every state, by the owning roles; refused for the others."""

import datetime

import pytest
from django.utils import timezone

from meetings.agenda import workflow as agenda
from meetings.models import AgendaItem, Question, QuestionEvent
from meetings.questions import steps as questions
from meetings.questions.steps import QuestionError
from tests import factories

pytestmark = pytest.mark.django_db
State = Question.State


def trail(question):
    return list(question.events.order_by("at", "pk").values_list("state", "actor__email"))


def fresh(question):
    return Question.objects.get(pk=question.pk)


def test_the_table_names_every_step_and_owner():
    assert set(questions.TRANSITIONS) == {
        "propose", "answer", "refer", "deal_with", "outcome", "report_back", "close",
        "withdraw",
    }  # fmt: skip
    owners = {name: t.owner for name, t in questions.TRANSITIONS.items()}
    assert {n for n, o in owners.items() if o == questions.MEMBER} == {
        "propose", "report_back", "close", "withdraw",
    }  # fmt: skip
    # Every state but "closed" and "withdrawn" has a way on; nothing leads back to "raised".
    targets = {t.target for t in questions.TRANSITIONS.values()}
    sources = {s for t in questions.TRANSITIONS.values() for s in t.sources}
    assert State.RAISED not in targets
    assert set(State.values) - {State.CLOSED, State.WITHDRAWN} <= sources


def test_round_trip_through_a_meeting(
    neh, meeting, held, representative, substitute, coordinator, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        q = questions.raise_and_propose(
            neh,
            representative,
            {
                "title": "Solel på taken?",
                "description": "Vad kostar det?",
                # Raised before the held meeting it is dealt with at below.
                "raised_on": today - datetime.timedelta(days=7),
            },
            meeting,
            20,
        )
    q = fresh(q)
    assert q.state == State.ON_AGENDA
    item = q.agenda_item
    assert item.meeting == meeting and item.is_management_question
    assert item.administration == q.administration and item.status == AgendaItem.Status.PROPOSED
    assert item.wished_minutes == 20
    # The coordinators' ordinary triage accepts it.
    with django_capture_on_commit_callbacks(execute=True):
        agenda.accept(meeting, item.pk, coordinator)
    mailoutbox.clear()
    questions.deal_with(q, coordinator, held, "Diskuterades länge.")
    with django_capture_on_commit_callbacks(execute=True):
        questions.record_outcome(q, coordinator, "Vi tar fram en gemensam mall.")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([representative.email, substitute.email])
    assert "Vi tar fram en gemensam mall." in mailoutbox[0].body
    questions.report_back(q, substitute, today, "Presenterat.")
    questions.close(q, representative)
    q = fresh(q)
    assert q.state == State.CLOSED and q.meeting == held and q.reported_back_on == today
    assert trail(q) == [
        (State.RAISED, representative.email),
        (State.ON_AGENDA, representative.email),
        (State.DEALT_WITH, coordinator.email),
        (State.OUTCOME, coordinator.email),
        (State.REPORTED_BACK, substitute.email),
        (State.CLOSED, representative.email),
    ]
    assert q.events.get(state=State.ON_AGENDA).meeting == meeting
    assert q.events.get(state=State.OUTCOME).meeting == held


def test_answered_in_writing(
    question, representative, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        questions.answer(question, coordinator, "Samhällsbyggnad ansvarar.")
    assert fresh(question).written_answer == "Samhällsbyggnad ansvarar."
    assert [m.to for m in mailoutbox] == [[representative.email]]
    assert "besvarad" in mailoutbox[0].subject
    questions.report_back(question, representative, timezone.localdate())
    questions.close(question, representative, "Klart.")
    assert [s for s, _a in trail(question)] == [
        State.RAISED, State.ANSWERED, State.REPORTED_BACK, State.CLOSED,
    ]  # fmt: skip


def test_referred_question_moves_to_the_other_network(
    question, nsh, administration, coordinator, nsh_coordinator, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    nsh_rep = factories.make_user("rep.nsh@example.org", "Rut NSH")
    factories.make_appointment(nsh_rep, administration, nsh)
    with django_capture_on_commit_callbacks(execute=True):
        questions.refer(question, coordinator, nsh, "Hör hemma i NSH.")
    q = fresh(question)
    assert q.state == State.REFERRED and q.network == nsh and q.referred_to == nsh
    assert "NEH" in q.events.get(state=State.REFERRED).note
    # NSH's coordinators hear of it in their daily digest (tests/reminders/), not one by one.
    assert nsh_coordinator.email not in [m.to[0] for m in mailoutbox]
    # NEH's coordinator has no say any longer; NSH's has.
    with pytest.raises(QuestionError):
        questions.answer(q, coordinator, "Svar")
    questions.answer(q, nsh_coordinator, "Svar från NSH")
    questions.report_back(q, nsh_rep, timezone.localdate())
    assert fresh(q).state == State.REPORTED_BACK


@pytest.mark.parametrize(
    "action, role",
    [
        ("answer", "representative"),
        ("answer", "director"),
        ("refer", "substitute"),
        ("deal_with", "representative"),
        ("propose", "coordinator"),
        ("propose", "director"),
    ],
)
def test_wrong_role_is_refused(action, role, question, held, meeting, nsh, user_for_role):
    if action == "deal_with":
        Question.objects.filter(pk=question.pk).update(state=State.ON_AGENDA)
    user = user_for_role(role)
    calls = {
        "answer": lambda: questions.answer(question, user, "Svar"),
        "refer": lambda: questions.refer(question, user, nsh),
        "deal_with": lambda: questions.deal_with(question, user, held),
        "propose": lambda: questions.propose(question, user, meeting),
    }
    with pytest.raises(QuestionError, match="Bara"):
        calls[action]()
    assert question.events.count() == 1
    assert AgendaItem.objects.filter(is_management_question=True).count() == 0


def test_another_administrations_representative_and_other_networks_coordinator(
    question, neh, other_administration, nsh_coordinator, held
):
    social = factories.make_user("social@example.org", "Sixten Social")
    factories.make_appointment(social, other_administration, neh)
    with pytest.raises(QuestionError):
        questions.close(question, social)
    Question.objects.filter(pk=question.pk).update(state=State.OUTCOME, meeting=held)
    with pytest.raises(QuestionError):
        questions.report_back(question, social, timezone.localdate())
    with pytest.raises(QuestionError):
        questions.answer(question, nsh_coordinator, "Svar")
    assert question.events.count() == 1


def test_skipping_states_is_refused(question, representative, coordinator, held):
    today = timezone.localdate()
    with pytest.raises(QuestionError, match="kräver ett möte"):
        questions.record_outcome(question, coordinator, "Utfall utan möte")
    with pytest.raises(QuestionError):
        questions.deal_with(question, coordinator, held)
    with pytest.raises(QuestionError):
        questions.report_back(question, representative, today)
    with pytest.raises(QuestionError):
        questions.close(question, representative)
    q = fresh(question)
    assert q.state == State.RAISED and q.outcome == "" and q.meeting is None
    assert q.events.count() == 1


def test_dealt_with_needs_a_held_meeting_of_the_network(question, coordinator, meeting, nsh, neh):
    Question.objects.filter(pk=question.pk).update(state=State.ON_AGENDA)
    other = factories.make_meeting(nsh, days_ahead=-3)
    cancelled = factories.make_meeting(neh, days_ahead=-4, status="cancelled")
    for wrong, message in [
        (other, "annat nätverk"),
        (meeting, "inte hållits"),
        (cancelled, "inställt"),
    ]:
        with pytest.raises(QuestionError, match=message):
            questions.deal_with(question, coordinator, wrong)
    assert fresh(question).state == State.ON_AGENDA


def test_dates_in_the_future_are_refused(neh, question, representative):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(QuestionError, match="framtiden"):
        questions.raise_question(neh, representative, {"title": "X", "raised_on": tomorrow})
    assert Question.objects.count() == 1
    Question.objects.filter(pk=question.pk).update(state=State.ANSWERED)
    with pytest.raises(QuestionError, match="framtiden"):
        questions.report_back(question, representative, tomorrow)
    with pytest.raises(QuestionError, match="före"):
        questions.report_back(
            question, representative, question.raised_on - datetime.timedelta(days=1)
        )
    assert fresh(question).state == State.ANSWERED


def test_proposing_to_a_closed_meeting_saves_nothing(question, representative, neh, nsh):
    soon = factories.make_meeting(neh, days_ahead=1)  # proposals closed
    other = factories.make_meeting(nsh, days_ahead=30)
    for wrong in (soon, other):
        with pytest.raises(QuestionError):
            questions.propose(question, representative, wrong)
    assert fresh(question).state == State.RAISED
    assert not AgendaItem.objects.filter(is_management_question=True).exists()
    assert QuestionEvent.objects.count() == 1


def test_raise_and_propose_is_all_or_nothing(neh, representative):
    closed = factories.make_meeting(neh, days_ahead=1)
    with pytest.raises(QuestionError):
        questions.raise_and_propose(
            neh, representative, {"title": "X", "raised_on": timezone.localdate()}, closed
        )
    assert not Question.objects.exists()


def test_a_declined_proposal_can_be_proposed_again(
    question, representative, coordinator, meeting, neh
):
    questions.propose(question, representative, meeting)
    q = fresh(question)
    with pytest.raises(QuestionError):  # still a live proposal
        questions.propose(q, representative, meeting)
    # Only withdrawing it is offered while the proposal waits.
    assert [t.action for t in questions.allowed_actions(representative, q)] == ["withdraw"]
    agenda.decline(meeting, q.agenda_item.pk, "Passar inte nu.", coordinator)
    later = factories.make_meeting(neh, days_ahead=60)
    q = fresh(q)
    assert "propose" in [t.action for t in questions.allowed_actions(representative, q)]
    questions.propose(q, representative, later)
    q = fresh(q)
    assert q.agenda_item.meeting == later and q.state == State.ON_AGENDA
    assert [s for s, _a in trail(q)] == [State.RAISED, State.ON_AGENDA, State.ON_AGENDA]
