"""A question cannot have been dealt with at a meeting held before it was raised."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Question
from meetings.questions import steps as questions
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def raised_five_days_ago(neh, administration, representative):
    return factories.make_question(
        neh,
        administration,
        state=Question.State.ON_AGENDA,
        raised_by=representative,
        raised_on=timezone.localdate() - datetime.timedelta(days=5),
    )


@pytest.fixture
def held_before(neh):
    return factories.make_meeting(neh, days_ahead=-10, theme_title="Före frågan")


def test_the_step_refuses_a_meeting_held_before_the_question(
    raised_five_days_ago, held_before, coordinator
):
    with pytest.raises(questions.QuestionError, match="innan ledningsgruppen väckte frågan"):
        questions.deal_with(raised_five_days_ago, coordinator, held_before)
    raised_five_days_ago.refresh_from_db()
    assert raised_five_days_ago.state == Question.State.ON_AGENDA
    assert raised_five_days_ago.meeting is None


def test_the_form_offers_only_meetings_since_and_refuses_one_posted_by_hand(
    client_for, raised_five_days_ago, held_before, held
):
    coordinator = client_for("coordinator")
    url = reverse("question_detail", kwargs={"pk": raised_five_days_ago.pk})
    page = coordinator.get(url).content.decode()
    assert "Hållet möte" in page
    assert "Före frågan" not in page
    step = reverse("question_deal_with", kwargs={"pk": raised_five_days_ago.pk})
    response = coordinator.post(step, {"meeting": held_before.pk, "note": ""})
    assert response.status_code in (200, 422)
    raised_five_days_ago.refresh_from_db()
    assert raised_five_days_ago.state == Question.State.ON_AGENDA


def test_a_meeting_held_after_the_question_is_accepted(raised_five_days_ago, held, coordinator):
    question = questions.deal_with(raised_five_days_ago, coordinator, held)
    assert (question.state, question.meeting) == (Question.State.DEALT_WITH, held)


def test_a_meeting_on_the_day_it_was_raised_is_accepted(neh, administration, coordinator):
    question = factories.make_question(
        neh, administration, state=Question.State.ON_AGENDA, raised_on=timezone.localdate()
    )
    today = factories.make_meeting(neh, days_ahead=0)
    if today.starts_at > timezone.now():  # the hour has not come yet: an hour ago instead
        start = timezone.now() - datetime.timedelta(minutes=1)
        today.starts_at, today.ends_at = start, start + datetime.timedelta(hours=2)
        today.save()
    if timezone.localdate(today.starts_at) != timezone.localdate():
        pytest.skip("just after midnight: no meeting can have started today")
    assert questions.deal_with(question, coordinator, today).meeting == today
