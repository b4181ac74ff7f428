"""Publishing minutes moves the questions carried by the agenda items to their outcome."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.models import Question, QuestionEvent
from tests import factories
from tests.minutes.build import draft_form, publish_form

pytestmark = pytest.mark.django_db


def question(held, administration, item, state=Question.State.ON_AGENDA, **extra):
    return Question.objects.create(
        network=held.network,
        administration=administration,
        title=f"Fråga om {item.title if item else 'annat'}",
        raised_on=timezone.localdate() - datetime.timedelta(days=30),
        agenda_item=item,
        state=state,
        **extra,
    )


def publish(client, held, outcomes: dict, based_on=0, note=""):
    data = {"summary": "Bra möte."}
    for item in held.items:
        data[f"e{item.pk}-note"] = "Diskuterades."
        data[f"e{item.pk}-outcome"] = outcomes.get(item.pk, "")
    client.post(reverse("minutes_edit", args=[held.pk]), draft_form(held, data))
    return client.post(
        reverse("minutes_publish", args=[held.pk]),
        publish_form(held, {"correction_note": note, "based_on": str(based_on)}),
    )


def test_publishing_moves_the_question_through_dealt_with_to_outcome(
    client_for,
    held,
    administration,
    other_administration,
    coordinator,
    representative,
    django_capture_on_commit_callbacks,
):
    solar, flood = held.items[1], held.items[0]
    carried = question(held, administration, solar)
    silent = question(held, other_administration, flood)  # its entry has no outcome
    answered = question(held, administration, solar, state=Question.State.ANSWERED)
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, held, {solar.pk: "Vi upphandlar tillsammans."})
    assert response.status_code == 302
    carried.refresh_from_db()
    assert (carried.state, carried.meeting, carried.outcome) == (
        "outcome",
        held,
        "Vi upphandlar tillsammans.",
    )
    trail = list(carried.events.order_by("pk").values_list("state", "actor", "meeting"))
    assert trail == [("dealt_with", coordinator.pk, held.pk), ("outcome", coordinator.pk, held.pk)]
    assert Question.objects.get(pk=silent.pk).state == "on_agenda"
    assert Question.objects.get(pk=answered.pk).state == "answered"
    # The representative is told about the outcome (besides the minutes' own e-mail).
    assert any(carried.title in m.body and representative.email in m.to for m in mail.outbox), [
        m.subject for m in mail.outbox
    ]
    page = client.get(reverse("question_detail", args=[carried.pk])).content.decode()
    assert "Behandlad enligt minnesanteckningarna, version 1." in page


def test_a_correction_notes_a_changed_outcome_without_rewriting_it(
    client_for, held, administration, coordinator
):
    solar, flood = held.items[1], held.items[0]
    carried = question(held, administration, solar)
    later = question(held, administration, flood)
    client = client_for("coordinator")
    publish(client, held, {solar.pk: "Vi upphandlar tillsammans."})
    response = publish(
        client,
        held,
        {solar.pk: "Vi upphandlar var för sig.", flood.pk: "Skyfallsplanen antas."},
        based_on=1,
        note="Rättat utfallet om solel.",
    )
    assert response.status_code == 302
    carried.refresh_from_db()
    assert (carried.state, carried.outcome) == ("outcome", "Vi upphandlar tillsammans.")
    note = carried.events.order_by("pk").last()
    assert note.state == "outcome"
    assert "version 2" in note.note and "Vi upphandlar var för sig." in note.note
    assert carried.events.filter(state="outcome").count() == 2
    # A question whose item had no outcome before gets it now.
    later.refresh_from_db()
    assert (later.state, later.outcome) == ("outcome", "Skyfallsplanen antas.")
    # An unchanged outcome in a further correction adds nothing to the trail.
    before = QuestionEvent.objects.count()
    publish(
        client,
        held,
        {solar.pk: "Vi upphandlar var för sig.", flood.pk: "Skyfallsplanen antas nu."},
        based_on=2,
        note="Rättat skyfallet.",
    )
    assert QuestionEvent.objects.count() == before + 1  # only the flood question's note


def test_a_question_dealt_with_at_another_meeting_is_left_alone(
    client_for, held, administration, neh
):
    other = factories.make_meeting(neh, days_ahead=-30)
    solar = held.items[1]
    elsewhere = question(
        held, administration, solar, state=Question.State.DEALT_WITH, meeting=other
    )
    publish(client_for("coordinator"), held, {solar.pk: "Utfall."})
    elsewhere.refresh_from_db()
    assert (elsewhere.state, elsewhere.outcome) == ("dealt_with", "")
