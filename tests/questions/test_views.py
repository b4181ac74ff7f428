"""The question pages: registering (and proposing in one step), the trail, the steps, lists."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Question
from tests import factories

pytestmark = pytest.mark.django_db
State = Question.State


def test_register_and_propose_in_one_step(client_for, meeting, administration):
    client = client_for("representative")
    response = client.post(
        reverse("question_create", args=["neh"]),
        factories.submitted(
            {
                "title": "Kemikaliesmarta inköp?",
                "description": "Gemensamma kriterier",
                "raised_on": timezone.localdate().isoformat(),
                "propose": "on",
                "meeting": str(meeting.pk),
                "wished_minutes": "25",
            }
        ),
    )
    question = Question.objects.get(title="Kemikaliesmarta inköp?")
    assert response["Location"] == reverse("question_detail", args=[question.pk])
    assert question.state == State.ON_AGENDA and question.administration == administration
    item = question.agenda_item
    assert item.meeting == meeting and item.is_management_question
    assert item.administration == administration and item.wished_minutes == 25
    # It is an ordinary proposal: the representative sees it among their proposals.
    page = client.get(reverse("agenda_proposals", args=[meeting.pk])).content.decode()
    assert "Kemikaliesmarta inköp?" in page


def test_register_without_proposing(client_for, meeting):
    client = client_for("substitute")
    client.post(
        reverse("question_create", args=["neh"]),
        factories.submitted(title="Bara registrerad", raised_on=timezone.localdate().isoformat()),
    )
    question = Question.objects.get(title="Bara registrerad")
    assert question.state == State.RAISED and question.agenda_item is None
    assert not AgendaItem.objects.filter(is_management_question=True).exists()


def test_proposing_needs_a_meeting(client_for, meeting):
    response = client_for("representative").post(
        reverse("question_create", args=["neh"]),
        factories.submitted(
            {"title": "X", "raised_on": timezone.localdate().isoformat(), "propose": "on"}
        ),
    )
    assert "Välj vilket möte frågan ska föreslås till." in response.content.decode()
    assert not Question.objects.exists()


def test_the_page_shows_the_trail_and_only_the_owners_steps(
    client_for, question, coordinator, meeting
):
    from meetings.questions import steps as questions

    questions.answer(question, coordinator, "Ett skriftligt svar.")
    page = client_for("coordinator").get(reverse("question_detail", args=[question.pk]))
    html = page.content.decode()
    assert "Ett skriftligt svar." in html and "Besvarad skriftligt" in html
    assert "Sam Samordnare" in html  # who acted
    assert reverse("question_report_back", args=[question.pk]) not in html
    page = client_for("representative").get(reverse("question_detail", args=[question.pk]))
    assert reverse("question_report_back", args=[question.pk]) in page.content.decode()


def test_representative_sees_propose_coordinator_sees_answer(client_for, question, meeting):
    rep = client_for("representative").get(reverse("question_detail", args=[question.pk]))
    assert reverse("question_propose", args=[question.pk]) in rep.content.decode()
    assert reverse("question_answer", args=[question.pk]) not in rep.content.decode()


def test_coordinator_answers_and_the_representative_is_told(
    client_for, question, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("question_answer", args=[question.pk]), {"written_answer": "Så här."}
        )
    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).state == State.ANSWERED
    assert [m.to for m in mailoutbox] == [["representant@example.org"]]


def test_outcome_without_a_meeting_is_refused_on_the_page(client_for, question):
    response = client_for("coordinator").post(
        reverse("question_outcome", args=[question.pk]), {"outcome": "Utfall"}
    )
    assert response.status_code == 200
    assert "Ett utfall kräver ett möte" in response.content.decode()
    question.refresh_from_db()
    assert question.state == State.RAISED and question.outcome == ""


def test_acting_on_another_administrations_question(
    client_for, neh, other_administration, representative
):
    social = factories.make_question(neh, other_administration, title="Socials fråga")
    for name, data in [
        ("question_propose", {"meeting": "1", "wished_minutes": "15"}),
        ("question_close", {}),
    ]:
        response = client_for("representative").post(reverse(name, args=[social.pk]), data)
        assert response.status_code == 404
    assert social.events.count() == 1


def test_the_lists(client_for, neh, nsh, administration, other_administration, held, question):
    old = factories.make_question(
        neh,
        other_administration,
        title="Äldsta frågan",
        raised_on=timezone.localdate().replace(year=2025),
    )
    factories.make_question(neh, administration, state="outcome", meeting=held, title="Utfall")
    factories.make_question(nsh, other_administration, title="NSH-fråga")
    factories.make_question(neh, administration, state="closed", meeting=held, title="Stängd")
    coordinator = client_for("coordinator").get(reverse("question_list")).content.decode()
    open_part, awaiting = coordinator.split('id="q-awaiting"')
    assert open_part.index("Äldsta frågan") < open_part.index(question.title)
    assert "NSH-fråga" not in coordinator and "Stängd" not in coordinator
    assert "Utfall" in awaiting and "Utfall" not in open_part.split('id="q-open"')[1]
    assert old.title in open_part


def test_director_and_representative_lists(client_for, neh, nsh, administration, held, question):
    factories.make_question(nsh, administration, title="Vår NSH-fråga")
    social = factories.make_administration("Socialförvaltningen")
    factories.make_question(neh, social, title="Inte vår")
    director = client_for("director").get(reverse("question_list")).content.decode()
    assert question.title in director and "Vår NSH-fråga" in director
    assert "Inte vår" not in director


def test_representative_list(client, user_for_role, neh, nsh, administration, question):
    factories.make_question(nsh, administration, title="Vår NSH-fråga")
    client.force_login(user_for_role("representative"))
    page = client.get(reverse("question_list")).content.decode()
    assert question.title in page
    assert "Vår NSH-fråga" not in page  # no seat in NSH
    assert reverse("question_create", args=["neh"]) in page
