"""The calendar page, its two forms and the per-meeting download, for every role."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from meetings.calendar import ics as calendar
from meetings.models import CalendarToken, Meeting
from tests import factories
from tests.calendar.ics import events, parse

pytestmark = pytest.mark.django_db

SIGNED_IN = ["staff", "representative", "substitute", "director", "coordinator", "admin"]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://natverk.example.org"


def new_link(client, feed: str, **headers):
    return client.post(reverse("calendar_new_link"), {"feed": feed}, headers=headers)


# --- The calendar page -------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client):
    for response in (
        client.get(reverse("calendar_page")),
        new_link(client, "personal"),
        client.post(reverse("calendar_delivery"), {"calendar_delivery": "subscription"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not CalendarToken.objects.exists()


@pytest.mark.parametrize("role", SIGNED_IN)
def test_calendar_page_lists_feeds_and_instructions(client_for, role, neh, nsh):
    response = client_for(role).get(reverse("calendar_page"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mina möten" in content and neh.name in content and nsh.name in content
    for outlook in ("Klassiska Outlook", "Nya Outlook", "Outlook på webben"):
        assert outlook in content
    assert "Skapa länk" in content
    assert "no-store" in response["Cache-Control"]
    assert 'aria-current="page"' in content  # the main navigation's "Kalender"


def test_navigation_links_to_the_calendar_page(client_for):
    content = client_for("staff").get(reverse("home")).content.decode()
    assert f'href="{reverse("calendar_page")}"' in content


@pytest.mark.parametrize("role", SIGNED_IN)
def test_new_link_shows_the_secret_once(client_for, user_for_role, role):
    client = client_for(role)
    response = new_link(client, "personal")
    content = response.content.decode()
    assert response.status_code == 200
    token = CalendarToken.objects.get(user=user_for_role(role))
    secret = re.search(r"/kalender/([A-Za-z0-9_-]{43})\.ics", content).group(1)
    assert token.token_hash == calendar.hash_secret(secret)
    https = f"https://natverk.example.org/kalender/{secret}.ics"
    assert f'value="{https}"' in content
    assert f'href="webcal://natverk.example.org/kalender/{secret}.ics"' in content
    outlook = re.search(
        r'href="(https://outlook\.office\.com/calendar/0/addfromweb\?[^"]+)"', content
    )
    query = parse_qs(urlsplit(outlook.group(1).replace("&amp;", "&")).query)
    assert query == {"url": [https], "name": ["Mina nätverksmöten"]}
    assert "no-store" in response["Cache-Control"]
    # Shown once: the page afterwards says a link exists, without the secret.
    later = client.get(reverse("calendar_page")).content.decode()
    assert secret not in later
    assert "Du har en aktiv länk" in later and "Ny länk" in later


def test_new_link_for_a_network_replaces_only_that_link(client_for, coordinator, nsh):
    client = client_for("coordinator")
    new_link(client, "personal")
    new_link(client, "NSH")
    first = CalendarToken.objects.get(network=nsh)
    response = new_link(client, "NSH")
    first.refresh_from_db()
    assert first.revoked_at is not None
    active = CalendarToken.objects.active().filter(user=coordinator)
    assert sorted((t.kind, t.network_id) for t in active) == [
        ("network", nsh.pk),
        ("personal", None),
    ]
    content = response.content.decode()
    assert 'id="url-NSH"' in content and 'id="url-personal"' not in content
    assert "name=NSH%20%E2%80%93%20N%C3%A4tverk%20f%C3%B6r%20social" in content


def test_new_link_htmx_returns_the_feeds_partial(client_for):
    response = new_link(client_for("staff"), "NEH", HX_Request="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="feeds"')
    assert "<html" not in content
    assert "data-announce" in content


def test_new_link_with_a_bad_feed_changes_nothing(client_for):
    response = new_link(client_for("staff"), "XYZ")
    assert response.status_code == 302
    assert not CalendarToken.objects.exists()


def test_new_link_only_by_post(client_for):
    assert client_for("staff").get(reverse("calendar_new_link")).status_code == 405


# --- Delivery preference -----------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_delivery_defaults_to_invitations_and_can_be_changed(client_for, user_for_role, role):
    user = user_for_role(role)
    assert user.calendar_delivery == User.CalendarDelivery.INVITATIONS
    assert user.wants_calendar_invitations
    client = client_for(role)
    response = client.post(reverse("calendar_delivery"), {"calendar_delivery": "subscription"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.calendar_delivery == User.CalendarDelivery.SUBSCRIPTION
    assert not user.wants_calendar_invitations
    assert "Ditt val är sparat." in client.get(response["Location"]).content.decode()


def test_delivery_htmx_returns_the_partial(client_for, staff):
    response = client_for("staff").post(
        reverse("calendar_delivery"),
        {"calendar_delivery": "subscription"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="delivery"')
    assert 'data-announce="Ditt val är sparat."' in content
    staff.refresh_from_db()
    assert staff.calendar_delivery == "subscription"


def test_delivery_bad_value_shows_the_form_again(client_for, staff):
    response = client_for("staff").post(reverse("calendar_delivery"), {"calendar_delivery": "fax"})
    assert response.status_code == 200
    assert "Formuläret behöver rättas" in response.content.decode()
    staff.refresh_from_db()
    assert staff.calendar_delivery == "invitations"


# --- Per-meeting download ----------------------------------------------------------------------


@pytest.fixture
def published(neh):
    return factories.make_meeting(neh, theme_title="Kemikaliesmart förskola")


@pytest.fixture
def planned(neh):
    return factories.make_meeting(neh, status=Meeting.Status.PLANNED, theme_title="Hemligt")


def download(client, meeting):
    return client.get(reverse("meeting_calendar_file", kwargs={"pk": meeting.pk}))


@pytest.mark.parametrize("role", SIGNED_IN)
def test_download_of_a_published_meeting(client_for, role, published):
    client = client_for(role)
    page = client.get(published.get_absolute_url()).content.decode()
    assert f'href="/moten/{published.pk}/kalender.ics"' in page
    assert "Lägg till i kalender" in page
    response = download(client, published)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="NEH-')
    cal, _ = parse(response.content)
    assert b"METHOD" not in response.content
    assert events(cal)[0]["SUMMARY"] == "NEH: Kemikaliesmart förskola"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("staff", 404),
        ("representative", 404),
        ("substitute", 404),
        ("director", 404),
        ("admin", 404),
    ],
)
def test_download_of_a_planned_meeting_only_for_its_coordinators(client_for, role, status, planned):
    response = download(client_for(role), planned)
    assert response.status_code == status
    assert (b"Hemligt" in response.content) == (status == 200)


def test_download_is_named_by_the_stockholm_date(client_for, neh):
    """00:30 in Stockholm is 23:30 (22:30 in summer) UTC the day before."""
    local_start = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=40),
        datetime.time(0, 30),
        tzinfo=calendar.STOCKHOLM,
    )
    meeting = factories.make_meeting(neh, theme_title="Nattmöte")
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=local_start, ends_at=local_start + datetime.timedelta(hours=1)
    )
    response = download(client_for("staff"), meeting)
    expected = f'filename="NEH-{local_start:%Y-%m-%d}.ics"'
    assert expected in response["Content-Disposition"]


def test_download_anonymous_is_sent_to_sign_in(client, published):
    response = download(client, published)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_download_query_count(client_for, published, neh, django_assert_num_queries):
    published.work_areas.set(neh.work_areas.all())
    client = client_for("staff")
    # session, user, coordinated networks, meeting, work areas
    with django_assert_num_queries(5):
        download(client, published)
