import pytest

from meetings.demo import build_demo
from meetings.demo_questions import build_question_demo
from meetings.models_governance import Question

pytestmark = pytest.mark.django_db


def test_demo_questions_in_every_part_of_the_loop_and_idempotent():
    build_demo()
    build_question_demo()  # again: nothing new
    questions = Question.objects.filter(
        network__code="NEH", administration__short_name="MF"
    ).select_related("agenda_item__meeting")
    assert {q.state for q in questions} == {
        "raised", "on_agenda", "answered", "outcome", "closed",
    }  # fmt: skip
    on_agenda = questions.get(state="on_agenda")
    meeting = on_agenda.agenda_item.meeting
    assert meeting.is_published and not meeting.is_past
    assert on_agenda.agenda_item.is_management_question
    for question in questions:
        assert question.events.last().state == question.state
