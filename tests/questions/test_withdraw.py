"""A question registered by mistake is withdrawn before the network takes it up: kept, with
its trail, in the state "withdrawn"; a waiting proposal goes with it; refused in Swedish once
the proposal is accepted."""

import pytest
from django.urls import reverse

from meetings.agenda import workflow as agenda
from meetings.models import AgendaItem, Question
from meetings.questions import steps as questions
from meetings.questions.steps import QuestionError
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

State = Question.State


def withdraw_url(question) -> str:
    return reverse("question_withdraw", kwargs={"pk": question.pk})


def fresh(question) -> Question:
    return Question.objects.select_related("agenda_item").get(pk=question.pk)


def test_a_raised_question_is_withdrawn_and_kept_on_the_trail(question, representative):
    questions.withdraw(question, representative, "Registrerad av misstag.")
    q = fresh(question)
    assert q.state == State.WITHDRAWN
    assert [(e.state, e.note) for e in q.events.order_by("at", "pk")] == [
        (State.RAISED, ""),
        (State.WITHDRAWN, "Registrerad av misstag."),
    ]
    assert questions.allowed_actions(representative, q) == []


def test_a_waiting_proposal_is_withdrawn_with_the_question(question, representative, meeting):
    questions.propose(question, representative, meeting)
    questions.withdraw(fresh(question), representative)
    q = fresh(question)
    assert q.state == State.WITHDRAWN
    assert q.agenda_item.status == AgendaItem.Status.WITHDRAWN


def test_withdrawing_after_acceptance_is_refused_in_swedish(
    question, representative, coordinator, meeting
):
    questions.propose(question, representative, meeting)
    agenda.accept(meeting, fresh(question).agenda_item.pk, coordinator)
    with pytest.raises(QuestionError, match="Frågan kan inte dras tillbaka"):
        questions.withdraw(fresh(question), representative)
    q = fresh(question)
    assert q.state == State.ON_AGENDA
    assert q.agenda_item.status == AgendaItem.Status.ACCEPTED
    assert q.events.count() == 2


def test_withdrawing_an_answered_question_is_refused(question, representative, coordinator):
    questions.answer(question, coordinator, "Svar.")
    with pytest.raises(QuestionError, match="nätverket har redan tagit upp den"):
        questions.withdraw(fresh(question), representative)
    assert fresh(question).state == State.ANSWERED


def test_a_declined_proposal_question_can_still_be_withdrawn(
    question, representative, coordinator, meeting
):
    questions.propose(question, representative, meeting)
    agenda.decline(meeting, fresh(question).agenda_item.pk, "Passar inte.", coordinator)
    questions.withdraw(fresh(question), representative)
    assert fresh(question).state == State.WITHDRAWN


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_view_for_every_role(role, client_for, question):
    response = client_for(role).post(withdraw_url(question), {"note": "Misstag."})
    state = fresh(question).state
    if role in ("representative", "substitute"):
        assert response.status_code == 302
        assert state == State.WITHDRAWN
    else:
        assert response.status_code in (302, 403, 404)
        assert state == State.RAISED


def test_withdraw_view_after_acceptance_shows_the_refusal(
    client_for, question, representative, coordinator, meeting
):
    questions.propose(question, representative, meeting)
    agenda.accept(meeting, fresh(question).agenda_item.pk, coordinator)
    response = client_for("representative").post(withdraw_url(question), {"note": ""})
    assert response.status_code == 200
    assert "Frågan kan inte dras tillbaka" in response.content.decode()
    assert fresh(question).state == State.ON_AGENDA


def test_withdrawn_question_page_shows_its_state(client_for, question, representative):
    questions.withdraw(question, representative, "Misstag.")
    page = (
        client_for("director")
        .get(reverse("question_detail", kwargs={"pk": question.pk}))
        .content.decode()
    )
    assert "Tillbakadragen" in page
    assert "Misstag." in page
