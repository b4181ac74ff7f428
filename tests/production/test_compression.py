"""Pages are sent gzipped to a client that accepts it; calendars never are
(config/compression.py)."""

import gzip

import pytest
from django.urls import reverse

from meetings.calendar import ics as calendar
from tests import factories

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate"}


def test_a_page_is_gzipped_for_a_client_that_accepts_it(client_for, neh):
    meeting = factories.make_meeting(neh, days_ahead=10, theme_description="Lång text. " * 200)
    client = client_for("representative")
    response = client.get(meeting.get_absolute_url(), **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert meeting.theme_title in html and html.rstrip().endswith("</html>")
    plain = client.get(meeting.get_absolute_url())
    assert not plain.has_header("Content-Encoding")
    assert len(response.content) < len(plain.content) / 3


@pytest.mark.parametrize("network_feed", [False, True])
def test_a_calendar_feed_is_never_compressed(client, representative, neh, network_feed):
    for days in (10, 40, 70):
        factories.make_meeting(neh, days_ahead=days, theme_description="Text. " * 200)
    secret = calendar.new_token(representative, neh if network_feed else None)
    response = client.get(reverse("calendar_feed", kwargs={"secret": secret}), **GZIP)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"BEGIN:VCALENDAR")
    # Its validators are the feed's own, not weakened by compression.
    assert not response["ETag"].startswith("W/")


def test_a_meeting_calendar_file_is_never_compressed(client_for, neh):
    meeting = factories.make_meeting(neh, days_ahead=10, theme_description="Text. " * 200)
    response = client_for("representative").get(
        reverse("meeting_calendar_file", args=[meeting.pk]), **GZIP
    )
    assert response["Content-Type"].startswith("text/calendar")
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"BEGIN:VCALENDAR")
