"""Who may evaluate which meeting, until when, and what a submission does."""

import re

import pytest
from django.urls import reverse

from meetings.evaluations import workflow as evaluations
from meetings.models import Attendance, Evaluation, EvaluationSettings
from tests import factories
from tests.evaluations.conftest import VALID

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("evaluation_answer", kwargs={"pk": meeting.pk})


def test_participants_are_the_ticked_when_the_list_is_ticked(held, representative):
    assert evaluations.participant_ids(held) == {representative.pk}


def test_participants_are_those_who_said_coming_when_nobody_is_ticked(
    neh, representative, substitute, staff
):
    meeting = factories.make_meeting(neh, days_ahead=-1)
    Attendance.objects.create(meeting=meeting, person=representative, answer="coming")
    Attendance.objects.create(meeting=meeting, person=substitute, answer="not_coming")
    assert evaluations.participant_ids(meeting) == {representative.pk}


def test_participant_answers_once_and_a_second_answer_is_an_update(client, held, representative):
    client.force_login(representative)
    response = client.post(url(held), VALID)
    assert response.status_code == 302
    response = client.post(url(held), {**VALID, "usefulness": "2", "comment": "Ändrat."})
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(meeting=held)
    assert (evaluation.person, evaluation.usefulness, evaluation.comment) == (
        representative,
        2,
        "Ändrat.",
    )
    page = client.get(url(held)).content.decode()
    assert "Din utvärdering är ändrad." in page
    assert re.search(r'name="usefulness" value="2"[^>]*checked', page)
    assert not re.search(r'name="usefulness" value="4"[^>]*checked', page)


@pytest.mark.parametrize(
    "field,value",
    [
        ("usefulness", "0"),
        ("usefulness", "6"),
        ("usefulness", "fyra"),
        ("length", "much"),
        ("preferred_format", "teleport"),
        ("usefulness", ""),
    ],
)
def test_bad_answers_are_refused_in_swedish_and_nothing_is_saved(
    client, held, representative, field, value
):
    client.force_login(representative)
    response = client.post(url(held), {**VALID, field: value})
    assert response.status_code == 422
    assert "Välj ett av alternativen." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_overlong_comment_is_refused(client, held, representative):
    client.force_login(representative)
    response = client.post(url(held), {**VALID, "comment": "x" * 2001})
    assert response.status_code == 422
    assert not Evaluation.objects.exists()


def test_a_meeting_not_attended_is_refused(client, held, substitute):
    client.force_login(substitute)
    response = client.post(url(held), VALID)
    assert response.status_code == 403
    assert "Du finns inte med bland mötets deltagare" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_page_says_why_no_answer_can_be_given_and_is_not_an_error(client, held, substitute):
    """Looking at the page is allowed: it is a read-only page, answered 200, with no form."""
    client.force_login(substitute)
    response = client.get(url(held))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Du finns inte med bland mötets deltagare" in html
    assert "<form" not in html.split('id="main"')[1]


def test_a_meeting_not_held_yet_is_refused(client, neh, representative):
    coming = factories.make_meeting(neh, days_ahead=5)
    Attendance.objects.create(meeting=coming, person=representative, answer="coming")
    client.force_login(representative)
    response = client.post(url(coming), VALID)
    assert response.status_code == 403
    assert "Mötet har inte hållits ännu" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_meeting_still_running_is_not_held(client, neh, representative):
    running = factories.make_meeting(neh, days_ahead=0)  # started this hour, ends in two
    Attendance.objects.create(meeting=running, person=representative, attended=True)
    with pytest.raises(evaluations.EvaluationError):
        evaluations.check_can_answer(running, representative)


def test_a_cancelled_meeting_is_refused(neh, representative):
    cancelled = factories.make_meeting(neh, days_ahead=-1, status="cancelled")
    Attendance.objects.create(meeting=cancelled, person=representative, attended=True)
    with pytest.raises(evaluations.EvaluationError, match="ställdes in"):
        evaluations.check_can_answer(cancelled, representative)


def test_answers_can_change_until_the_next_meeting_starts(client, held, representative, neh):
    client.force_login(representative)
    assert client.post(url(held), VALID).status_code == 302
    # A later meeting that has not started keeps the window open; a cancelled one is ignored.
    factories.make_meeting(neh, days_ahead=3)
    assert client.post(url(held), {**VALID, "usefulness": "5"}).status_code == 302
    # Once the network's next meeting has started, the answer stands.
    next_meeting = factories.make_meeting(neh, days_ahead=0, theme_title="Nästa")
    next_meeting.starts_at = held.ends_at + (next_meeting.starts_at - held.ends_at) / 2
    next_meeting.save()
    response = client.post(url(held), {**VALID, "usefulness": "1"})
    assert response.status_code == 403
    assert "Utvärderingen stängde" in response.content.decode()
    assert Evaluation.objects.get(meeting=held).usefulness == 5
    # The refusal page still shows the person's answer.
    assert "Ditt svar" in client.get(url(held)).content.decode()


def test_cancelled_next_meeting_does_not_close_the_window(held, representative, neh):
    factories.make_meeting(neh, days_ahead=0, status="cancelled")
    assert evaluations.window_closes_at(held) is None
    evaluations.check_can_answer(held, representative)


def test_settings_change_the_questions(client, held, representative, neh):
    EvaluationSettings.objects.create(
        network=neh,
        ask_length=False,
        usefulness_text="Gav mötet dig något?",
        extra_question="Vilket tema vill du ha?",
    )
    client.force_login(representative)
    page = client.get(url(held)).content.decode()
    assert "Gav mötet dig något?" in page
    assert "Vilket tema vill du ha?" in page
    assert 'name="length"' not in page
    assert "Vilken mötesform föredrar du?" in page  # the standard wording
    response = client.post(
        url(held),
        {"usefulness": "3", "preferred_format": "digital", "extra_answer": "Solenergi"},
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.length, evaluation.extra_answer) == ("", "Solenergi")


def test_settings_must_ask_something(client, coordinator):
    client.force_login(coordinator)
    path = reverse("evaluation_settings", kwargs={"code": "neh"})
    response = client.post(path, {"extra_question": "  ", "version": "0"})
    assert response.status_code == 422
    assert "minst en fråga" in response.content.decode()
    assert not EvaluationSettings.objects.exists()
    response = client.post(
        path, {"ask_comment": "on", "comment_text": "Något mer?", "version": "0"}
    )
    assert response.status_code == 302
    saved = EvaluationSettings.objects.get()
    assert (saved.ask_usefulness, saved.ask_comment, saved.comment_text) == (
        False,
        True,
        "Något mer?",
    )


def test_form_groups_radios_in_fieldsets_with_legends(client, held, representative):
    client.force_login(representative)
    page = client.get(url(held)).content.decode()
    assert page.count("<fieldset") == 3
    assert "<legend>Hur användbart var mötet för dig och din förvaltning?</legend>" in page
    assert "<legend>Vad tyckte du om mötets längd?</legend>" in page


def test_meeting_page_links_participants_and_coordinators(
    client, held, representative, substitute, coordinator
):
    link = url(held)
    client.force_login(representative)
    assert link in client.get(held.get_absolute_url()).content.decode()
    client.force_login(substitute)  # ticked absent
    assert link not in client.get(held.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    results = reverse("evaluation_results", kwargs={"pk": held.pk})
    assert results in client.get(held.get_absolute_url()).content.decode()


def test_own_evaluations_are_in_the_personal_data_export(client, held, representative):
    client.force_login(representative)
    client.post(url(held), VALID)
    data = client.get(reverse("my_data_download")).json()
    assert [(e["nytta"], e["kommentar"]) for e in data["utvärderingar"]] == [(4, "Bra.")]


def test_a_stale_settings_form_saves_nothing(client, coordinator, neh):
    """Two coordinators open the questions before either saved them (version 0): the first
    save makes the row, the second is refused and changes nothing."""
    from django.test import Client

    other = factories.make_user("samordnare2@example.org", "Siri Samordnare")
    neh.coordinators.add(other)
    second = Client()
    second.force_login(other)
    client.force_login(coordinator)
    path = reverse("evaluation_settings", kwargs={"code": "neh"})
    seen_by_first = factories.hidden_value(client.get(path), "version")
    seen_by_second = factories.hidden_value(second.get(path), "version")
    assert seen_by_first == seen_by_second == "0"
    client.post(path, {"ask_comment": "on", "comment_text": "Något mer?", "version": "0"})

    response = second.post(path, {"ask_length": "on", "version": "0"})

    assert response.status_code == 422
    assert "Utvärderingens frågor har ändrats av någon annan" in response.content.decode()
    saved = EvaluationSettings.objects.get(network=neh)
    assert (saved.ask_comment, saved.ask_length, saved.version) == (True, False, 1)
    # From the page as it is now, the second coordinator's change goes through.
    response = second.post(
        path, {"ask_length": "on", "version": factories.hidden_value(second.get(path), "version")}
    )
    assert response.status_code == 302
    assert EvaluationSettings.objects.get(network=neh).ask_length is True
