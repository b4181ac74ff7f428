"""The question pages: registering (and proposing in one step), the trail, the steps, lists."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Question
from meetings.paging import PER_PAGE
from meetings.terms import Term
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
    client = client_for("coordinator")
    # By default what needs work, oldest first: open and awaiting report-back, not closed.
    current = client.get(reverse("question_list")).content.decode()
    assert current.index("Äldsta frågan") < current.index(question.title)
    assert "Utfall" in current and old.title in current
    assert "NSH-fråga" not in current and "Stängd" not in current
    # Each state is one filter away.
    url = reverse("question_list")
    awaiting = client.get(url, {"lage": "aterrapport"}).content.decode()
    assert "Utfall" in awaiting and question.title not in awaiting
    opened = client.get(url, {"lage": "oppna"}).content.decode()
    assert question.title in opened and "Utfall" not in opened
    closed = client.get(url, {"lage": "avslutade"}).content.decode()
    assert "Stängd" in closed and question.title not in closed
    by_administration = client.get(url, {"forvaltning": other_administration.pk}).content.decode()
    assert old.title in by_administration and question.title not in by_administration
    this_term = Term.of(timezone.localdate())
    by_term = client.get(url, {"termin": f"{this_term.season}{this_term.year}"}).content.decode()
    assert question.title in by_term and old.title not in by_term


@pytest.mark.parametrize(
    "query",
    [
        {"lage": "nonsens"},
        {"termin": "XX1999"},
        {"termin": "VT"},
        {"forvaltning": "abc"},
        {"forvaltning": "999999"},
        {"page": "-1"},
        {"page": "9999"},
    ],
)
def test_a_filter_that_does_not_fit_is_left_out(client_for, question, query):
    response = client_for("coordinator").get(reverse("question_list"), query)
    assert response.status_code == 200
    assert question.title in response.content.decode()


def test_an_old_closed_question_is_one_filter_away_and_the_list_is_paged(
    client_for, neh, administration, held
):
    long_ago = timezone.localdate().replace(year=2019)
    factories.make_question(
        neh, administration, state="closed", meeting=held, title="Gammal stängd", raised_on=long_ago
    )
    for n in range(PER_PAGE + 3):
        factories.make_question(neh, administration, title=f"Öppen {n:02d}")
    client = client_for("director")
    html = client.get(reverse("question_list")).content.decode()
    assert "Gammal stängd" not in html
    assert html.count("Öppen ") == PER_PAGE and 'href="?page=2"' in html
    closed = client.get(reverse("question_list"), {"lage": "avslutade"}).content.decode()
    assert "Gammal stängd" in closed
    # The next page, by htmx: only the new rows and the new pager, the first row focused.
    more = client.get(reverse("question_list"), {"page": "2"}, HTTP_HX_REQUEST="true")
    rows = more.content.decode()
    assert "<html" not in rows and rows.count("Öppen ") == 3
    assert f'data-announce="Visar 1–{PER_PAGE + 3} av {PER_PAGE + 3} frågor."' in rows
    assert rows.count("data-focus") == 1 and 'id="questions-more"' in rows
    # Without JavaScript: a whole page with the filters kept in the links.
    plain = client.get(reverse("question_list"), {"page": "2", "lage": "oppna"}).content.decode()
    assert "<html" in plain and plain.count("Öppen ") == 3
    assert 'href="?page=1&amp;lage=oppna"' in plain


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
