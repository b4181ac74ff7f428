import pytest

from meetings.demo import build_demo
from meetings.models import (
    ActionItem,
    MinutesEntry,
    MinutesVersion,
    Question,
    ReportBack,
)
from meetings.questions.demo import LOOP_TITLE, build_question_demo

pytestmark = pytest.mark.django_db


def test_demo_questions_in_every_part_of_the_loop_and_idempotent():
    build_demo()
    build_question_demo()  # again: nothing new
    questions = Question.objects.filter(
        network__code="NEH", administration__short_name="MF"
    ).select_related("agenda_item__meeting")
    assert {q.state for q in questions} == {
        "raised", "on_agenda", "answered", "reported_back", "closed",
    }  # fmt: skip
    # The loop's question is reported back with the pack (below), so none waits at "outcome".
    on_agenda = questions.get(state="on_agenda")
    meeting = on_agenda.agenda_item.meeting
    assert meeting.is_published and not meeting.is_past
    assert on_agenda.agenda_item.is_management_question
    for question in questions:
        assert question.events.last().state == question.state


def test_demo_question_goes_all_around_the_loop(client):
    accounts = build_demo()
    question = Question.objects.select_related("agenda_item__meeting").get(title=LOOP_TITLE)
    held = question.meeting
    assert question.agenda_item.meeting == held and held.is_past
    assert question.agenda_item.status == "accepted"
    assert list(question.events.order_by("pk").values_list("state", flat=True)) == [
        "raised", "on_agenda", "dealt_with", "outcome", "reported_back",
    ]  # fmt: skip
    entry = MinutesEntry.objects.get(agenda_item=question.agenda_item)
    assert entry.outcome == question.outcome
    latest = MinutesVersion.objects.filter(minutes__meeting=held).order_by("-number").first()
    assert question.outcome in [e["outcome"] for e in latest.content["entries"]]
    action = ActionItem.objects.get(agenda_item=question.agenda_item)
    assert list(action.administrations.all()) == [question.administration]
    report = ReportBack.objects.get(meeting=held, administration=question.administration)
    assert question.reported_back_on == report.presented_on
    assert question.events.last().actor.email == "representant.miljo@example.org"
    # The held meeting's published agenda carries the item too.
    snapshot = held.agenda_versions.get().snapshot
    assert LOOP_TITLE in [row["title"] for row in snapshot]
    # The meeting page lists it, with its state, for the representative.
    client.force_login(accounts["representant.miljo@example.org"])
    html = client.get(held.get_absolute_url()).content.decode()
    listed = html.split('id="meeting-questions"')[1].split("</ul>")[0]
    assert LOOP_TITLE in listed and "Återrapporterad" in listed
