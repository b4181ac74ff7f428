"""The suggestions page is bounded: open suggestions a page at a time, handled ones in an
archive."""

import pytest
from django.urls import reverse

from meetings.paging import PER_PAGE
from meetings.wishes import workflow as wishes
from tests.wishes.conftest import make_suggestion

pytestmark = pytest.mark.django_db

URL = reverse("theme_suggestions", kwargs={"code": "neh"})


@pytest.fixture
def many(neh, representative, administration):
    """PER_PAGE + 5 open suggestions and PER_PAGE + 2 closed ones (the oldest "Gammalt 0")."""
    for n in range(PER_PAGE + 5):
        make_suggestion(neh, representative, administration, title=f"Öppet {n:02d}")
    for n in range(PER_PAGE + 2):
        closed = make_suggestion(neh, representative, administration, title=f"Gammalt {n:02d}")
        wishes.close(closed.pk, "Nej.", None)


def titles(html: str, prefix: str) -> set[str]:
    return {f"{prefix} {n:02d}" for n in range(50) if f"{prefix} {n:02d}" in html}


def test_first_page_shows_a_page_of_open_suggestions_and_the_latest_handled(many, client_for):
    html = client_for("representative").get(URL).content.decode()
    assert len(titles(html, "Öppet")) == PER_PAGE
    assert f"Visar 1–{PER_PAGE} av {PER_PAGE + 5}." in html
    assert 'href="?page=2"' in html and 'hx-get="?page=2"' in html
    assert titles(html, "Gammalt") == {
        "Gammalt 21",
        "Gammalt 20",
        "Gammalt 19",
        "Gammalt 18",
        "Gammalt 17",
    }
    assert 'href="?visa=behandlade"' in html


def test_next_page_without_javascript_is_a_whole_page(many, client_for):
    html = client_for("representative").get(URL + "?page=2").content.decode()
    assert "<html" in html and len(titles(html, "Öppet")) == 5
    assert f"Visar {PER_PAGE + 1}–{PER_PAGE + 5} av {PER_PAGE + 5}." in html
    assert 'href="?page=1"' in html  # back


def test_next_page_by_htmx_is_only_the_new_rows_with_focus_and_announcement(many, client_for):
    response = client_for("representative").get(URL + "?page=2", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and len(titles(html, "Öppet")) == 5
    assert f'data-announce="Visar 1–{PER_PAGE + 5} av {PER_PAGE + 5} öppna förslag."' in html
    assert html.count("data-focus") == 1 and 'tabindex="-1" data-focus' in html
    assert 'id="open-suggestions-more"' in html and "Visa fler" not in html  # the last page


@pytest.mark.parametrize("page", ["0", "-3", "abc", "999", ""])
def test_a_bad_page_number_shows_the_nearest_page(many, client_for, page):
    response = client_for("representative").get(URL, {"page": page})
    assert response.status_code == 200
    html = response.content.decode()
    expected = 5 if page == "999" else PER_PAGE
    assert len(titles(html, "Öppet")) == expected


def test_an_old_closed_suggestion_is_one_click_away_in_the_archive(many, client_for):
    archive = client_for("representative").get(URL, {"visa": "behandlade"}).content.decode()
    assert "Arkiv: behandlade förslag" in archive
    assert titles(archive, "Öppet") == set()
    assert "Gammalt 21" in archive and "Gammalt 00" not in archive  # latest first
    older = client_for("representative").get(URL, {"visa": "behandlade", "page": "2"})
    assert "Gammalt 00" in older.content.decode()
    assert 'href="?visa=behandlade&amp;page=2"' in archive  # the filter is kept
