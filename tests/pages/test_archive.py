"""The network page shows the latest held meetings; the rest are in its archive, term by term."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.terms import Term
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def years_of_meetings(neh):
    """A held meeting every 60 days for three years back (about 18)."""
    return [
        factories.make_meeting(neh, days_ahead=-60 * n, theme_title=f"Möte {n:02d}")
        for n in range(1, 19)
    ]


def test_network_page_shows_the_latest_and_links_to_the_archive(client_for, years_of_meetings):
    html = client_for("staff").get(reverse("network_detail", args=["neh"])).content.decode()
    assert "Möte 01" in html and "Möte 18" not in html
    assert reverse("network_archive", args=["neh"]) in html


def test_archive_shows_one_term_and_links_every_term(client_for, years_of_meetings):
    oldest = years_of_meetings[-1]
    term = Term.of(timezone.localdate(oldest.starts_at))
    url = reverse("network_archive", args=["neh"])
    client = client_for("staff")
    latest = client.get(url).content.decode()
    assert "Möte 01" in latest and "Möte 18" not in latest
    assert f'href="?termin={term.season}{term.year}"' in latest
    old = client.get(url, {"termin": f"{term.season}{term.year}"}).content.decode()
    assert "Möte 18" in old and "Möte 01" not in old
    assert 'aria-current="page"' in old


@pytest.mark.parametrize("asked", ["", "XX2020", "VT1900", "HT", "<script>"])
def test_archive_with_a_term_that_does_not_fit_shows_the_latest(
    client_for, years_of_meetings, asked
):
    response = client_for("staff").get(reverse("network_archive", args=["neh"]), {"termin": asked})
    assert response.status_code == 200
    assert "Möte 01" in response.content.decode()


def test_archive_keeps_planned_meetings_to_coordinators(client_for, neh):
    factories.make_meeting(neh, days_ahead=-5, status="planned", theme_title="Hemligt")
    url = reverse("network_archive", args=["neh"])
    assert "Hemligt" not in client_for("staff").get(url).content.decode()
    assert "Hemligt" in client_for("coordinator").get(url).content.decode()


def test_archive_without_meetings(client_for, neh):
    html = client_for("staff").get(reverse("network_archive", args=["neh"])).content.decode()
    assert "Inga tidigare möten." in html
