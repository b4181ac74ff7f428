"""Representatives: Mina nätverk, answers, attendance after the meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance, Meeting
from representatives.models import Appointment
from tests import factories
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def answer_url(meeting):
    return reverse("attendance_answer", kwargs={"pk": meeting.pk})


def attendance_url(meeting):
    return reverse("attendance_record", kwargs={"pk": meeting.pk})


@pytest.fixture
def meeting(neh):
    return factories.make_meeting(neh, theme_title="Giftfri förskola")


@pytest.mark.parametrize("role", ROLES)
def test_my_networks_page(role, client_for, representative, substitute, meeting):
    response = client_for(role).get(reverse("my_networks"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    page = response.content.decode()
    assert response.status_code == 200
    if role in ("representative", "substitute"):
        assert "Nätverk för ekologisk hållbarhet" in page
        assert "Giftfri förskola" in page
        assert "Miljöförvaltningen" in page
        assert "Representanten deltar aktivt och bidrar också till agenda" in page
        assert answer_url(meeting) in page
        assert reverse("invitation_create", kwargs={"pk": meeting.pk}) in page
    else:
        assert "Du har inget aktuellt uppdrag" in page
        assert answer_url(meeting) not in page


def test_my_networks_shows_own_answer_and_hides_planned(client, representative, meeting, neh):
    Attendance.objects.create(
        meeting=meeting,
        person=representative,
        answer=Attendance.Answer.NOT_COMING,
        answered_at=timezone.now(),
    )
    factories.make_meeting(neh, status=Meeting.Status.PLANNED, theme_title="Hemligt tema")
    client.force_login(representative)
    page = client.get(reverse("my_networks")).content.decode()
    assert 'value="not_coming" checked' in page
    assert "Hemligt tema" not in page


def test_home_shows_my_networks_section_for_representatives_and_directors(
    client, representative, director, staff, administration
):
    client.force_login(representative)
    page = client.get(reverse("home")).content.decode()
    assert reverse("my_networks") in page
    assert "Representant för Miljöförvaltningen i NEH" in page
    client.force_login(director)
    page = client.get(reverse("home")).content.decode()
    assert reverse("administration_detail", kwargs={"pk": administration.pk}) in page
    client.force_login(staff)
    page = client.get(reverse("home")).content.decode()
    assert reverse("my_networks") not in page


@pytest.mark.parametrize("size", [1, 6])
def test_my_networks_query_count(
    size, client, representative, administration, neh, nsh, django_assert_num_queries
):
    factories.make_appointment(representative, administration, nsh)
    for n in range(size):
        for network in (neh, nsh):
            m = factories.make_meeting(network, days_ahead=5 + n)
            m.work_areas.set(network.work_areas.all()[:2])
            Attendance.objects.create(
                meeting=m, person=representative, answer=Attendance.Answer.COMING
            )
    client.force_login(representative)
    # session, user, appointments, coordinated ids, meetings with the person's answers, and
    # the report-back packs of recently held meetings; +4 for "Att göra" (the meetings to
    # answer or propose for, held with who presented their packs and to evaluate, in one
    # query; consultations, actions, indicators), counted in tests/todo/test_queries.py
    with django_assert_num_queries(10):
        response = client.get(reverse("my_networks"))
    assert response.content.decode().count('value="coming" checked') == size * 2


# Answers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_answer_allowed_for_seat_holders_only(
    role, client_for, representative, substitute, meeting
):
    response = client_for(role).post(answer_url(meeting), {"answer": "coming"})
    if role in ("representative", "substitute"):
        assert response.status_code == 302
        person = representative if role == "representative" else substitute
        attendance = Attendance.objects.get(meeting=meeting, person=person)
        assert attendance.answer == Attendance.Answer.COMING
        assert attendance.answered_at is not None
        assert attendance.administration.name == "Miljöförvaltningen"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert not Attendance.objects.exists()


def test_answer_can_be_changed(client, representative, meeting):
    client.force_login(representative)
    client.post(answer_url(meeting), {"answer": "coming"})
    response = client.post(answer_url(meeting), {"answer": "not_coming"}, follow=True)
    assert Attendance.objects.get().answer == Attendance.Answer.NOT_COMING
    assert "Ditt svar är sparat: Kommer inte." in response.content.decode()


def test_substitute_coming_tells_the_substitute(
    client, representative, substitute, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(representative)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_url(meeting), {"answer": "substitute_coming"})
    assert Attendance.objects.get().answer == Attendance.Answer.SUBSTITUTE_COMING
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ersattare@example.org"]
    assert "Rita Representant" in mail.body
    assert "Giftfri förskola" in mail.body
    assert meeting.get_absolute_url() in mail.body


@pytest.mark.parametrize("then", ["coming", "not_coming"])
def test_answering_otherwise_after_sending_the_substitute_tells_the_substitute(
    client,
    representative,
    substitute,
    meeting,
    mailoutbox,
    django_capture_on_commit_callbacks,
    then,
):
    client.force_login(representative)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_url(meeting), {"answer": "substitute_coming"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_url(meeting), {"answer": then})
    assert Attendance.objects.get().answer == then
    _sent, released = mailoutbox
    assert released.to == ["ersattare@example.org"]
    assert "Du behöver inte gå på NEH-mötet" in released.subject
    assert "\n" not in released.subject
    assert "Rita Representant har ändrat sitt svar" in released.body
    assert "Giftfri förskola" in released.body
    # Saving that answer again tells nobody anything more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_url(meeting), {"answer": then})
    assert len(mailoutbox) == 2


def test_substitute_coming_without_substitute_is_refused(
    client, representative, meeting, mailoutbox
):
    client.force_login(representative)
    response = client.post(answer_url(meeting), {"answer": "substitute_coming"}, follow=True)
    assert "ingen ersättare" in response.content.decode()
    assert not Attendance.objects.exists()
    assert mailoutbox == []


def test_substitute_cannot_send_the_substitute(client, substitute, meeting):
    client.force_login(substitute)
    response = client.post(answer_url(meeting), {"answer": "substitute_coming"}, follow=True)
    assert "Bara representanten kan skicka ersättaren." in response.content.decode()
    assert not Attendance.objects.exists()


def test_answer_for_another_network_is_refused(client, representative, nsh):
    other = factories.make_meeting(nsh)
    client.force_login(representative)
    assert client.post(answer_url(other), {"answer": "coming"}).status_code == 403
    assert not Attendance.objects.exists()


def test_answer_for_cancelled_meeting_is_refused(client, representative, neh):
    cancelled = factories.make_meeting(neh, status=Meeting.Status.CANCELLED)
    client.force_login(representative)
    response = client.post(answer_url(cancelled), {"answer": "coming"}, follow=True)
    assert "Mötet är inställt." in response.content.decode()
    assert not Attendance.objects.exists()


def test_answer_for_past_or_planned_meeting(client, representative, neh):
    past = factories.make_meeting(neh, days_ahead=-3)
    planned = factories.make_meeting(neh, status=Meeting.Status.PLANNED)
    client.force_login(representative)
    response = client.post(answer_url(past), {"answer": "coming"}, follow=True)
    assert "Mötet har redan varit." in response.content.decode()
    assert client.post(answer_url(planned), {"answer": "coming"}).status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("data", [{}, {"answer": "maybe"}])
def test_answer_bad_input(client, representative, meeting, data):
    client.force_login(representative)
    response = client.post(answer_url(meeting), data, follow=True)
    assert "Välj ett svar." in response.content.decode()
    assert not Attendance.objects.exists()


def test_answer_htmx_returns_the_form(client, representative, meeting):
    client.force_login(representative)
    response = client.post(
        answer_url(meeting), {"answer": "coming"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'data-announce="Ditt svar är sparat: Kommer."' in page
    assert 'value="coming" checked' in page
    response = client.post(answer_url(meeting), {"answer": "x"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Välj ett svar." in response.content.decode()


def test_answer_next_must_be_local(client, representative, meeting):
    client.force_login(representative)
    response = client.post(answer_url(meeting), {"answer": "coming", "next": "/mina-natverk/"})
    assert response["Location"] == "/mina-natverk/"
    assert Attendance.objects.get(meeting=meeting, person=representative).answer == "coming"


@pytest.mark.parametrize(
    "target",
    [
        "foo",
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:x",
        "/a\nb",
    ],
)
def test_answer_with_a_bad_next_is_refused_before_saving(client, representative, meeting, target):
    """A bare word used to be saved and then crash in redirect() (NoReverseMatch, a 500)."""
    client.force_login(representative)
    response = client.post(answer_url(meeting), {"answer": "coming", "next": target})
    assert response.status_code == 400
    assert "Felaktig begäran" in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting, person=representative).exists()


def test_sign_in_with_a_bare_word_next_goes_home(client, representative):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=representative, email=representative.email, verified=True, primary=True
    )
    response = client.post(
        reverse("account_login") + "?next=foo",
        {"login": representative.email, "password": factories.PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


# The meeting page ---------------------------------------------------------------------------


def test_meeting_page_shows_answers_per_administration_to_coordinators(
    client, coordinator, representative, substitute, other_administration, meeting, neh
):
    factories.make_appointment(
        factories.make_user("soc@example.org", "Sonja Social"), other_administration, neh
    )
    Attendance.objects.create(
        meeting=meeting, person=representative, answer=Attendance.Answer.SUBSTITUTE_COMING
    )
    client.force_login(coordinator)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Svar per förvaltning" in page
    assert "Miljöförvaltningen" in page and "Socialförvaltningen" in page
    assert "Ersättare kommer" in page
    assert "Inget svar" in page  # the substitute and Sonja have not answered
    assert attendance_url(meeting) not in page  # the meeting has not started


@pytest.mark.parametrize("role", ["staff", "director"])
def test_meeting_page_shows_no_participation_to_others(role, client_for, representative, meeting):
    page = client_for(role).get(meeting.get_absolute_url()).content.decode()
    assert "Svar per förvaltning" not in page
    assert answer_url(meeting) not in page


def test_meeting_page_offers_answer_and_invitation_to_representative(
    client, representative, meeting
):
    client.force_login(representative)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert answer_url(meeting) in page
    assert reverse("invitation_create", kwargs={"pk": meeting.pk}) in page
    assert "Svar per förvaltning" not in page


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize("role", ["coordinator", "representative"])
def test_meeting_page_query_count(
    role, size, client_for, coordinator, representative, meeting, neh, django_assert_num_queries
):
    for _ in range(size):
        administration = factories.make_administration()
        person = factories.make_user()
        factories.make_appointment(person, administration, neh)
        Attendance.objects.create(meeting=meeting, person=person, answer="coming")
        meeting.invitations.create(
            invited_by=person,
            full_name="X",
            email="x@example.org",
            reason="r",
            token_hash=f"{person.pk:064d}",
        )
    client = client_for(role)
    # +2 for "Uppföljning": nothing is due here, so the list's query and the count of the rest
    # (when something is due, the count rides on the list's query); +1 for the meeting's
    # documents. The person's seats are read once for every question about them.
    expected = {"coordinator": 12, "representative": 11}[role]
    with django_assert_num_queries(expected):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200


# Attendance after the meeting ---------------------------------------------------------------


@pytest.fixture
def held(neh):
    return factories.make_meeting(neh, days_ahead=-2)


@pytest.mark.parametrize("role", ROLES)
def test_attendance_only_for_coordinators(role, client_for, representative, substitute, held):
    response = client_for(role).post(attendance_url(held), {"present": [representative.pk]})
    if role == "coordinator":
        assert response.status_code == 302
        assert Attendance.objects.get(person=representative).attended is True
        assert Attendance.objects.get(person=substitute).attended is False
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert not Attendance.objects.exists()


def test_attendance_checklist_on_held_meeting(client, coordinator, representative, held):
    client.force_login(coordinator)
    page = client.get(held.get_absolute_url()).content.decode()
    assert attendance_url(held) in page
    assert f'name="present" value="{representative.pk}"' in page
    assert 'hx-trigger="change"' in page


def test_attendance_htmx_untick(client, coordinator, representative, held):
    Attendance.objects.create(meeting=held, person=representative, answer="coming", attended=True)
    client.force_login(coordinator)
    response = client.post(attendance_url(held), {}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'data-announce="Närvaron är sparad."' in response.content.decode()
    attendance = Attendance.objects.get(person=representative)
    assert attendance.attended is False
    assert attendance.answer == "coming"


def test_attendance_before_meeting_is_refused(client, coordinator, representative, meeting):
    client.force_login(coordinator)
    response = client.post(attendance_url(meeting), {"present": [representative.pk]}, follow=True)
    assert "först när mötet har börjat" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_unknown_person_is_refused(client, coordinator, representative, staff, held):
    client.force_login(coordinator)
    response = client.post(attendance_url(held), {"present": [staff.pk]}, follow=True)
    assert "Listan kunde inte sparas" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_other_network_is_refused(client, coordinator, nsh):
    other = factories.make_meeting(nsh, days_ahead=-2)
    client.force_login(coordinator)
    assert client.post(attendance_url(other), {}).status_code == 403


def test_ended_appointment_loses_access(client, representative, meeting):
    Appointment.objects.get(person=representative).end(timezone.localdate())
    client.force_login(representative)
    assert client.post(answer_url(meeting), {"answer": "coming"}).status_code == 403
    assert meeting.starts_at > timezone.now() - datetime.timedelta(days=1)


@pytest.mark.parametrize("coordinates", [False, True])
def test_coming_meetings_on_my_networks_are_the_queryset_they_replaced(
    coordinates, neh, nsh, administration, representative
):
    """`upcoming_for_appointments` (compiled once per number of networks): the coming meetings
    the person may see in each seat's network, soonest first, each with the person's own
    answer, as `visible_to(user).upcoming()` said; a coordinator sees the planned ones."""
    from meetings.participation.workflow import upcoming_for_appointments
    from representatives.rules import current_seats

    if coordinates:
        neh.coordinators.add(representative)
    factories.make_appointment(representative, administration, nsh)
    for network in (neh, nsh):
        for status in Meeting.Status.values:
            for days_ahead in (-3, 0, 6, 12):
                meeting = factories.make_meeting(network, days_ahead=days_ahead, status=status)
                if days_ahead == 6:
                    Attendance.objects.create(
                        meeting=meeting, person=representative, answer="coming"
                    )
    person = type(representative).objects.get(pk=representative.pk)  # as a request reads it
    seats = current_seats(person)
    found = upcoming_for_appointments(person, seats)
    visible = Meeting.objects.visible_to(person).upcoming()
    answers = {a.meeting_id: a.pk for a in Attendance.objects.filter(person=person)}
    for network in (neh, nsh):
        expected = list(visible.filter(network=network))
        # The same meetings in the same order of start (meetings starting together in either).
        assert sorted(m.pk for m in found[network.pk]) == sorted(m.pk for m in expected)
        starts = [m.starts_at for m in found[network.pk]]
        assert starts == sorted(starts) == [m.starts_at for m in expected]
        assert {m.pk: getattr(m.own_attendance, "pk", None) for m in found[network.pk]} == {
            m.pk: answers.get(m.pk) for m in expected
        }
    assert any(m.status == Meeting.Status.PLANNED for m in found[neh.pk]) == coordinates
    assert not any(m.status == Meeting.Status.PLANNED for m in found[nsh.pk])
    assert any(m.own_attendance for m in found[neh.pk])
    assert upcoming_for_appointments(person, []) == {}
