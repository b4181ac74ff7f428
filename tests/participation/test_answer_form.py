"""The compact answer on Mina nätverk: one row per meeting, a segmented control that saves on
choosing (htmx) or with its button (without JavaScript), and the to-do list that follows it."""

import re

import pytest
from django.urls import reverse

from meetings.models import Attendance, Meeting, OutboxMessage
from tests import factories
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

MY_NETWORKS = "/mina-natverk/"


def answer_url(meeting):
    return reverse("attendance_answer", kwargs={"pk": meeting.pk})


def htmx_from(page: str) -> dict:
    """Headers of an htmx request sent from the page at `page`."""
    return {"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"}


def todo_block(page: str) -> str:
    start = page.index('<div id="todo-items"')
    return page[start : page.index("</div>", start)]


@pytest.fixture
def meeting(neh):
    return factories.make_meeting(neh, theme_title="Giftfri förskola")


# The page -------------------------------------------------------------------------------------


def test_each_meeting_is_one_row_with_a_segmented_control_and_a_mer_disclosure(
    client, representative, meeting, neh
):
    factories.make_meeting(neh, days_ahead=60, theme_title="Solel på taken")
    client.force_login(representative)
    page = client.get(reverse("my_networks")).content.decode()
    assert page.count('<li class="rsvp-row">') == 2
    row = page[page.index(f'id="answer-{meeting.pk}"') :]
    row = row[: row.index("</details>")]
    # A real radio group: a fieldset named by its legend (which meeting, for screen readers),
    # one radio per choice with its own label, and a submit button for pages without JavaScript.
    assert f'<fieldset class="segmented" id="answer-{meeting.pk}-answer"' in row
    assert "Kommer du?" in row and '<span class="visually-hidden">Giftfri förskola</span>' in row
    for n, (value, label) in enumerate(Attendance.Answer.choices):
        radio_id = f"answer-{meeting.pk}-answer_{n}"
        assert f'<input type="radio" id="{radio_id}" name="answer" value="{value}">' in row
        assert f'<label for="{radio_id}">{label}</label>' in row
    assert '<button type="submit" class="button-secondary"' in row and "Spara svar" in row
    assert 'hx-trigger="change delay:400ms, submit"' in row
    # The fuller answer is one step away: the meeting page and the invitation.
    assert '<details class="rsvp-more">' in row
    assert f"{meeting.get_absolute_url()}#participation" in row
    assert reverse("invitation_create", kwargs={"pk": meeting.pk}) in row
    # The compact row leaves the help text to the meeting page.
    assert "får din förvaltnings ersättare e-post" not in row


def test_meeting_page_keeps_the_fuller_answer(client, representative, meeting):
    Attendance.objects.create(
        meeting=meeting,
        person=representative,
        answer=Attendance.Answer.NOT_COMING,
        source=Attendance.Source.OUTLOOK,
        comment="Krockar med ledningsgruppen",
    )
    client.force_login(representative)
    page = client.get(meeting.get_absolute_url()).content.decode()
    form = page[page.index(f'id="answer-{meeting.pk}"') :]
    form = form[: form.index("</form>")]
    assert 'value="not_coming" checked' in form
    assert (
        f'aria-describedby="answer-{meeting.pk}-answer-helptext"' in form
        and "får din förvaltnings ersättare e-post om mötet" in form
    )
    # Where the answer came from and its note are shown beside it.
    assert "svar från Outlook" in form and "Krockar med ledningsgruppen" in form


# Without JavaScript -----------------------------------------------------------------------------


def test_plain_post_saves_and_goes_back_to_my_networks(client, representative, meeting):
    client.force_login(representative)
    response = client.post(answer_url(meeting), {"answer": "not_coming", "next": MY_NETWORKS})
    assert response.status_code == 302 and response["Location"] == MY_NETWORKS
    assert Attendance.objects.get(meeting=meeting, person=representative).answer == "not_coming"
    page = client.get(MY_NETWORKS).content.decode()
    assert "Ditt svar är sparat: Kommer inte." in page
    assert 'value="not_coming" checked' in page
    assert f"#answer-{meeting.pk}" not in todo_block(page)


# With htmx ---------------------------------------------------------------------------------------


def test_htmx_answer_swaps_the_row_announces_it_and_updates_the_todo_list(
    client, representative, meeting
):
    client.force_login(representative)
    before = client.get(MY_NETWORKS).content.decode()
    assert f'href="/mina-natverk/#answer-{meeting.pk}"' in todo_block(before)
    response = client.post(
        answer_url(meeting),
        {"answer": "coming", "next": MY_NETWORKS},
        headers=htmx_from(MY_NETWORKS),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert page.lstrip().startswith(f'<form method="post" action="{answer_url(meeting)}"')
    assert 'data-announce="Ditt svar är sparat: Kommer."' in page
    # The focus goes back to the choice just made.
    assert re.search(r'value="coming" checked data-focus>', page)
    assert page.count("data-focus") == 1
    # The to-do list comes along out of band, without the meeting to answer.
    assert '<div id="todo-items" hx-swap-oob="true">' in page
    assert f"#answer-{meeting.pk}" not in todo_block(page)
    assert Attendance.objects.get(meeting=meeting, person=representative).answer == "coming"


def test_htmx_answer_on_the_meeting_page_sends_no_todo_list(client, representative, meeting):
    client.force_login(representative)
    url = meeting.get_absolute_url()
    response = client.post(
        answer_url(meeting), {"answer": "coming", "next": url}, headers=htmx_from(url)
    )
    page = response.content.decode()
    assert 'data-announce="Ditt svar är sparat: Kommer."' in page
    assert "todo-items" not in page
    assert "får din förvaltnings ersättare e-post" in page  # the meeting page's fuller form


@pytest.mark.parametrize("role", ROLES)
def test_htmx_answer_for_each_role(role, client_for, representative, substitute, meeting):
    response = client_for(role).post(
        answer_url(meeting), {"answer": "not_coming"}, headers=htmx_from(MY_NETWORKS)
    )
    if role in ("representative", "substitute"):
        assert response.status_code == 200
        person = representative if role == "representative" else substitute
        assert Attendance.objects.get(meeting=meeting, person=person).answer == "not_coming"
        assert "Ditt svar är sparat: Kommer inte." in response.content.decode()
    else:
        # Sign-in first for the anonymous (htmx follows with a full page), 403 for the others.
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert not Attendance.objects.exists()


# Bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [{}, {"answer": "maybe"}, {"answer": "COMING"}])
def test_htmx_unknown_choice_is_refused_in_swedish_and_saves_nothing(
    client, representative, meeting, data
):
    client.force_login(representative)
    response = client.post(answer_url(meeting), data, headers=htmx_from(MY_NETWORKS))
    page = response.content.decode()
    assert response.status_code == 422
    error_id = f"answer-{meeting.pk}-answer-error"
    assert f'<p class="errorlist" id="{error_id}" data-announce="Välj ett svar.">' in page
    assert page.count(f'aria-invalid="true" aria-describedby="{error_id}"') == 3
    # No choice could be kept: the focus goes to the first.
    assert 'value="coming" aria-invalid="true"' in page and page.count("data-focus") == 1
    assert "hx-swap-oob" not in page
    assert not Attendance.objects.exists()


def test_htmx_refused_answer_keeps_the_saved_one(client, representative, meeting, mailoutbox):
    Attendance.objects.create(meeting=meeting, person=representative, answer="coming")
    client.force_login(representative)
    response = client.post(
        answer_url(meeting), {"answer": "substitute_coming"}, headers=htmx_from(MY_NETWORKS)
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Förvaltningen har ingen ersättare i nätverket just nu." in page
    assert Attendance.objects.get().answer == "coming"
    assert mailoutbox == [] and not OutboxMessage.objects.exists()


def test_htmx_answer_for_a_meeting_not_the_persons_is_refused(client, representative, nsh):
    other = factories.make_meeting(nsh)
    client.force_login(representative)
    response = client.post(answer_url(other), {"answer": "coming"}, headers=htmx_from(MY_NETWORKS))
    assert response.status_code == 403
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("cancelled", "Mötet är inställt. Det går inte att svara eller bjuda in."),
        ("past", "Mötet har redan varit."),
    ],
)
def test_htmx_answer_for_a_closed_meeting_is_refused(client, representative, neh, kind, message):
    if kind == "cancelled":
        closed = factories.make_meeting(neh, status=Meeting.Status.CANCELLED)
    else:
        closed = factories.make_meeting(neh, days_ahead=-3)
    client.force_login(representative)
    response = client.post(answer_url(closed), {"answer": "coming"}, headers=htmx_from(MY_NETWORKS))
    assert response.status_code == 422
    assert f'data-announce="{message}"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_planned_meeting_is_not_found(client, representative, neh):
    planned = factories.make_meeting(neh, status=Meeting.Status.PLANNED)
    client.force_login(representative)
    response = client.post(
        answer_url(planned), {"answer": "coming"}, headers=htmx_from(MY_NETWORKS)
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()


# Saving on choosing ------------------------------------------------------------------------------


def test_saving_substitute_coming_again_does_not_mail_the_substitute_again(
    client, representative, substitute, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(representative)
    with django_capture_on_commit_callbacks(execute=True):
        for _n in range(2):
            client.post(
                answer_url(meeting), {"answer": "substitute_coming"}, headers=htmx_from(MY_NETWORKS)
            )
    assert [mail.to for mail in mailoutbox] == [["ersattare@example.org"]]
    # Changing the answer and back is two new decisions: the substitute is told they need not
    # come, then that they are to come again.
    with django_capture_on_commit_callbacks(execute=True):
        for value in ("coming", "substitute_coming"):
            client.post(answer_url(meeting), {"answer": value}, headers=htmx_from(MY_NETWORKS))
    assert len(mailoutbox) == 3
    assert "Du behöver inte gå" in mailoutbox[1].subject
    assert "Du går på" in mailoutbox[2].subject
    assert Attendance.objects.get().answer == "substitute_coming"


@pytest.mark.parametrize("page", ["my_networks", "meeting"])
def test_only_the_representative_is_offered_to_send_the_substitute(
    client, representative, substitute, meeting, page
):
    path = reverse("my_networks") if page == "my_networks" else meeting.get_absolute_url()
    offered = {}
    for person in (representative, substitute):
        client.force_login(person)
        html = client.get(path).content.decode()
        assert 'value="coming"' in html and 'value="not_coming"' in html
        offered[person.pk] = 'value="substitute_coming"' in html
    assert offered == {representative.pk: True, substitute.pk: False}


def test_a_substitute_sending_the_substitute_anyway_gets_the_rule_and_no_checked_choice(
    client, substitute, meeting
):
    client.force_login(substitute)
    response = client.post(
        answer_url(meeting),
        {"answer": "substitute_coming"},
        headers=htmx_from(reverse("my_networks")),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Bara representanten kan skicka ersättaren." in html
    assert 'value="substitute_coming"' not in html and "checked" not in html
    assert not Attendance.objects.exists()
