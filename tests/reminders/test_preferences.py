"""Each person switches reminders off and on under "Påminnelser", linked from Mitt konto."""

import re

import pytest
from django.urls import reverse

from accounts import personal_data
from meetings.models import ReminderPreferences

pytestmark = pytest.mark.django_db

URL = "/paminnelser/"


def test_the_url():
    assert reverse("reminder_preferences") == URL


def test_my_account_links_to_the_reminders(client_for):
    html = client_for("representative").get(reverse("my_account")).content.decode()
    assert f'href="{URL}"' in html


def test_every_reminder_is_on_until_switched_off(client_for, representative):
    html = client_for("representative").get(URL).content.decode()
    for kind in ("unanswered", "day_before", "proposals_closing", "action_due", "report_back"):
        assert re.search(rf'<input type="checkbox" name="{kind}"[^>]* checked>', html), kind
    assert 'class="stacked-form"' in html
    # The digest is the coordinators' own.
    assert 'name="digest"' not in html
    assert not ReminderPreferences.objects.exists()


def test_a_coordinator_is_offered_the_digest(client_for):
    html = client_for("coordinator").get(URL).content.decode()
    assert re.search(r'<input type="checkbox" name="digest"[^>]* checked>', html)


def test_switching_off_saves_the_choice(client_for, representative):
    response = client_for("representative").post(
        URL, {"unanswered": "on", "action_due": "on", "report_back": "on"}
    )
    assert response.status_code == 302 and response["Location"] == URL
    saved = ReminderPreferences.objects.get(user=representative)
    assert (saved.unanswered, saved.action_due, saved.report_back) == (True, True, True)
    assert (saved.day_before, saved.proposals_closing, saved.consultation_due) == (
        False,
        False,
        False,
    )
    # Not offered to a representative: left as it was.
    assert saved.digest is True
    page = client_for("representative").get(URL).content.decode()
    assert re.search(r'<input type="checkbox" name="day_before"[^>]*id="id_day_before">', page)
    assert "Dina val av påminnelser är sparade." in page


def test_switching_on_again(client_for, representative):
    ReminderPreferences.objects.create(user=representative, day_before=False)
    client_for("representative").post(URL, {"day_before": "on"})
    assert ReminderPreferences.objects.get(user=representative).day_before is True


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client.post(URL, {})
    assert not ReminderPreferences.objects.exists()


def test_the_choices_are_in_the_personal_data_download(representative):
    assert personal_data.export(representative)["påminnelser"] is None
    ReminderPreferences.objects.create(user=representative, report_back=False)
    choices = personal_data.export(representative)["påminnelser"]
    assert choices["återrapport_inte_presenterad"] is False
    assert choices["dagen_före_mötet"] is True
    assert choices["nya_dokument"] is True


def test_a_forged_value_is_refused_and_nothing_saved(client_for, representative):
    response = client_for("representative").post(URL, {"unanswered": "ja", "day_before": "on"})
    assert response.status_code == 422
    assert "Rutan kan bara vara ikryssad eller tom." in response.content.decode()
    assert not ReminderPreferences.objects.exists()
