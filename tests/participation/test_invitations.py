"""Invited colleagues: the form, the e-mail with its calendar file, and the token view."""

import datetime
import re

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.calendar import ics as calendar
from meetings.models import Invitation, Meeting
from tests import factories
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def invite_url(meeting):
    return reverse("invitation_create", kwargs={"pk": meeting.pk})


def invite_data(n=1, **extra):
    data = {
        "full_name": f"Kalle Kollega {n}",
        "email": f"kollega{n}@example.org",
        "reason": "Arbetar med kemikalier i förskolan.",
    }
    data.update(extra)
    return factories.submitted(data)


@pytest.fixture
def meeting(neh):
    return factories.make_meeting(
        neh,
        theme_title="Kemikaliesmart förskola",
        place="Stadshuset, sal Vänern",
        theme_description="Vi går igenom kemikalieplanen.",
    )


def sent_link(mail) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/moten/\d+/inbjudan/[^/\s]+/)", mail.body).group(1)


@pytest.mark.parametrize("role", ROLES)
def test_invitation_form_for_seat_holders_only(
    role, client_for, representative, substitute, meeting
):
    response = client_for(role).get(invite_url(meeting))
    if role in ("representative", "substitute"):
        assert response.status_code == 200
        assert "Du kan bjuda in 5 kollegor till." in response.content.decode()
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("representative", "substitute")])
def test_invitation_post_refused_for_others(role, client_for, representative, meeting, mailoutbox):
    response = client_for(role).post(invite_url(meeting), invite_data())
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_invite_sends_mail_with_calendar_and_link(
    client, representative, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(representative)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(meeting), invite_data(), follow=True)
    assert "Kalle Kollega 1 är inbjuden" in response.content.decode()
    invitation = Invitation.objects.get()
    assert invitation.invited_by == representative
    assert invitation.administration.name == "Miljöförvaltningen"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["kollega1@example.org"]
    assert mail.reply_to == ["representant@example.org"]
    assert "Kemikaliesmart förskola" in mail.subject
    assert "Rita Representant" in mail.body
    assert "Arbetar med kemikalier i förskolan." in mail.body
    assert "Stadshuset, sal Vänern" in mail.body
    # Only a hash of the token is stored.
    token = sent_link(mail).rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in invitation.token_hash
    # The calendar file.
    (filename, content, mimetype) = mail.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    assert "METHOD" not in text
    assert "DTSTART;TZID=Europe/Stockholm:" in text
    assert "BEGIN:VTIMEZONE" in text
    parsed = icalendar.Calendar.from_ical(text)
    event = next(iter(parsed.walk("VEVENT")))
    # The same UID as the feeds and downloads (meetings/calendar/ics.py): one entry per meeting.
    assert str(event["UID"]) == calendar.meeting_uid(meeting)
    assert event.decoded("DTSTART") == timezone.localtime(meeting.starts_at)
    assert "Kemikaliesmart förskola" in str(event["SUMMARY"])


def test_invitee_sees_the_meeting_without_account(
    client, representative, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(representative)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(invite_url(meeting), invite_data())
    link = sent_link(mailoutbox[0])
    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kemikaliesmart förskola" in page
    assert "Vi går igenom kemikalieplanen." in page
    assert "Du är inbjuden av Rita Representant." in page
    assert response["Referrer-Policy"] == "no-referrer"
    # Only that meeting: the same token on another meeting, or a wrong token, is 404.
    other = factories.make_meeting(meeting.network, days_ahead=60)
    assert (
        client.get(link.replace(f"/moten/{meeting.pk}/", f"/moten/{other.pk}/")).status_code == 404
    )
    assert client.get(link.replace(link.split("/")[-2], "fel-token")).status_code == 404
    # The link does not open the signed-in meeting page.
    assert client.get(other.get_absolute_url()).status_code == 302


def test_invitation_link_expires_after_the_meeting(
    client, representative, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(representative)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(invite_url(meeting), invite_data())
    link = sent_link(mailoutbox[0])
    client.logout()
    assert client.get(link).status_code == 200
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert client.get(link).status_code == 404


def test_sixth_invitation_is_refused(client, representative, substitute, meeting, mailoutbox):
    client.force_login(representative)
    for n in range(1, 6):
        assert client.post(invite_url(meeting), invite_data(n)).status_code == 302
    response = client.post(invite_url(meeting), invite_data(6))
    assert response.status_code == 422
    assert "Du har redan bjudit in 5 kollegor till mötet" in response.content.decode()
    assert Invitation.objects.count() == 5
    # The limit is per representative: the substitute may still invite.
    client.force_login(substitute)
    assert client.post(invite_url(meeting), invite_data(7)).status_code == 302
    assert Invitation.objects.count() == 6


def test_same_colleague_twice_is_refused(client, representative, meeting):
    client.force_login(representative)
    client.post(invite_url(meeting), invite_data())
    response = client.post(invite_url(meeting), invite_data(email="KOLLEGA1@example.org"))
    assert "Du har redan bjudit in den personen" in response.content.decode()
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (invite_data(email="inte-en-adress"), "Fyll i en giltig e-postadress."),
        (invite_data(reason=""), "Detta fält måste fyllas i."),
        (invite_data(reason="x" * 1001), "som mest 1000 tecken"),
    ],
)
def test_invite_bad_input(client, representative, meeting, data, message, mailoutbox):
    client.force_login(representative)
    response = client.post(invite_url(meeting), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_invite_to_cancelled_meeting_is_refused(client, representative, neh, mailoutbox):
    cancelled = factories.make_meeting(neh, status=Meeting.Status.CANCELLED)
    client.force_login(representative)
    page = client.get(invite_url(cancelled)).content.decode()
    assert "Mötet är inställt." in page
    response = client.post(invite_url(cancelled), invite_data())
    assert "Mötet är inställt." in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_invite_to_another_network_is_refused(client, representative, nsh):
    other = factories.make_meeting(nsh)
    client.force_login(representative)
    assert client.post(invite_url(other), invite_data()).status_code == 403
    assert not Invitation.objects.exists()


def test_invitations_visible_to_coordinator_and_inviter_only(
    client, coordinator, representative, substitute, staff, meeting
):
    client.force_login(representative)
    client.post(invite_url(meeting), invite_data())
    assert "kollega1@example.org" in client.get(meeting.get_absolute_url()).content.decode()
    assert "kollega1@example.org" in client.get(invite_url(meeting)).content.decode()
    client.force_login(coordinator)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "kollega1@example.org" in page and "inbjuden av Rita Representant" in page
    for person in (substitute, staff):
        client.force_login(person)
        assert "kollega1@example.org" not in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [1, 5])
def test_invitation_form_query_count(
    size, client, representative, meeting, django_assert_num_queries
):
    client.force_login(representative)
    for n in range(size):
        client.post(invite_url(meeting), invite_data(n))
    # session, user, meeting, seated ids, own invitations (a published meeting is shown
    # without asking which networks the person coordinates)
    with django_assert_num_queries(5):
        response = client.get(invite_url(meeting))
    assert response.content.decode().count("@example.org), ") == size


@pytest.mark.parametrize("size", [1, 5])
def test_invitation_meeting_query_count(
    size, client, representative, meeting, django_assert_num_queries
):
    for n in range(size):
        factories.make_agenda_item(meeting, position=n + 1)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=timezone.now())
    invitation = Invitation.objects.create(
        meeting=meeting,
        invited_by=representative,
        full_name="K",
        email="k@example.org",
        reason="r",
        token_hash=Invitation.hash_token("tok"),
    )
    url = reverse("invitation_meeting", kwargs={"pk": meeting.pk, "token": "tok"})
    # invitation with meeting, agenda, work areas
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.content.decode().count('class="agenda-title"') == size
    assert invitation.pk
