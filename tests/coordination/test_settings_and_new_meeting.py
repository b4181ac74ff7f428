"""The coordinators' own settings page and the single extra meeting ("Nytt möte")."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.coordination import planning
from meetings.models import Meeting
from networks.models import Network
from tests.factories import at_version, submitted

pytestmark = pytest.mark.django_db
SETTINGS = reverse("network_settings", args=["neh"])
NEW = reverse("meeting_new", args=["neh"])


def settings_data(network, **changes) -> dict:
    data = {
        "name": network.name,
        "purpose": network.purpose,
        "organizer_email": "nsh@example.org",
        "default_meeting_minutes": "90",
        "target_meetings_min": "2",
        "target_meetings_max": "5",
        "theme_lead_days": "28",
        "proposal_close_days": "10",
        "reminder_answer_days": "2",
        "reminder_proposal_days": "5",
        "reminder_action_days": "7",
        "reminder_consultation_days": "10",
        "reminder_report_back_days": "14",
        **changes,
    }
    return at_version(network, data)


def test_coordinator_changes_the_settings_and_the_history_shows_it(client_for, neh):
    client = client_for("coordinator")
    response = client.post(SETTINGS, settings_data(neh))
    assert response.status_code == 302
    neh.refresh_from_db()
    assert (neh.theme_lead_days, neh.proposal_close_days, neh.default_meeting_minutes) == (
        28,
        10,
        90,
    )
    assert neh.organizer_email == "nsh@example.org"
    assert (neh.reminder_answer_days, neh.reminder_consultation_days) == (2, 10)
    history = client.get(reverse("object_history", args=["natverk", neh.pk])).content.decode()
    assert "Framförhållning för tema (dagar)" in history and "Sam Samordnare" in history


def test_min_above_max_is_refused(client_for, neh):
    response = client_for("coordinator").post(
        SETTINGS, settings_data(neh, target_meetings_min="6", target_meetings_max="3")
    )
    assert response.status_code == 422
    assert "kan inte vara färre än minst antal" in response.content.decode()
    assert Network.objects.get(pk=neh.pk).target_meetings_min == 3


def test_a_stale_settings_page_is_refused(client_for, neh):
    client = client_for("coordinator")
    stale = settings_data(neh, theme_lead_days="30")
    client.post(SETTINGS, settings_data(neh, theme_lead_days="14"))
    response = client.post(SETTINGS, stale)
    assert response.status_code == 422
    assert "har ändrats av någon annan" in response.content.decode()
    assert Network.objects.get(pk=neh.pk).theme_lead_days == 14


def test_the_other_networks_coordinator_cannot_change_them(client_for, neh, nsh):
    response = client_for("coordinator").post(
        reverse("network_settings", args=["nsh"]), settings_data(nsh)
    )
    assert response.status_code == 403
    assert Network.objects.get(pk=nsh.pk).theme_lead_days == nsh.theme_lead_days


def _a_free_tuesday() -> datetime.date:
    term = planning.selectable_terms(timezone.localdate())[1]
    return planning.propose_dates(term, 1, today=timezone.localdate())[0]


def meeting_data(day: datetime.date, **more) -> dict:
    return submitted(
        {
            "date": day.isoformat(),
            "start_time": "13:00",
            "end_time": "15:00",
            "place": "Stadshuset",
            "format": "on_site",
            "online_url": "",
            "action": "create",
            **more,
        }
    )


def test_new_meeting_is_created_planned(client_for, neh):
    day = _a_free_tuesday()
    response = client_for("coordinator").post(NEW, meeting_data(day))
    meeting = Meeting.objects.get(network=neh)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.status == Meeting.Status.PLANNED
    assert timezone.localtime(meeting.starts_at).time() == datetime.time(13, 0)
    assert meeting.place == "Stadshuset"


def test_checking_warns_and_creates_nothing(client_for, neh):
    christmas = next(
        day
        for day in (datetime.date(timezone.localdate().year + offset, 12, 25) for offset in (0, 1))
        if day > timezone.localdate()
    )
    response = client_for("coordinator").post(NEW, meeting_data(christmas, action="check"))
    assert response.status_code == 200
    assert "är en helgdag (Juldagen)" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_in_the_past_is_refused(client_for, neh):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client_for("coordinator").post(NEW, meeting_data(yesterday))
    assert response.status_code == 422
    assert "redan har passerat" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_beyond_the_plannable_terms_is_refused(client_for, neh):
    far = timezone.localdate() + datetime.timedelta(days=3 * 366)
    response = client_for("coordinator").post(NEW, meeting_data(far))
    assert response.status_code == 422
    assert "de tre terminer som kan planeras" in response.content.decode()
    assert not Meeting.objects.exists()


def test_dashboard_links_the_settings_pages(client_for, neh):
    page = client_for("coordinator").get(reverse("coordination_dashboard", args=["neh"]))
    text = page.content.decode()
    for url in (SETTINGS, NEW, reverse("administration_list")):
        assert f'href="{url}"' in text


def test_reminder_days_outside_their_range_are_refused(client_for, neh):
    response = client_for("coordinator").post(
        SETTINGS, settings_data(neh, reminder_answer_days="0", reminder_action_days="61")
    )
    assert response.status_code == 422
    neh.refresh_from_db()
    assert (neh.reminder_answer_days, neh.reminder_action_days) == (3, 7)
