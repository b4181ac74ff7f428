"""Headings never skip a level on the way down (WCAG 1.3.1, 2.4.6): every page of
`pages.PAGES` as every role that sees it, through Django's test client (no browser)."""

import re

import pytest

from tests.browser.pages import page_role_params, param_id

HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)


def skipped_levels(html: str) -> list[str]:
    """Each heading that is more than one level below the heading before it."""
    skips, previous = [], 0
    for match in HEADING.finditer(html):
        level = int(match.group(1))
        if previous and level > previous + 1:
            text = re.sub(r"<[^>]+>|\s+", " ", match.group(2)).strip()
            skips.append(f"h{previous} → h{level} {text!r}")
        previous = level
    return skips


@pytest.mark.parametrize(("app_page", "role"), page_role_params(), ids=param_id)
def test_headings_do_not_skip_levels(world, client_for, app_page, role):
    response = client_for(role).get(app_page.path(world))
    assert response.status_code == app_page.status
    html = response.content.decode()
    assert "<h1" in html
    assert not skipped_levels(html), f"{app_page.name} as {role}: {skipped_levels(html)}"


def test_a_skipped_level_is_found():
    assert skipped_levels("<h1>A</h1><h3>B</h3>") == ["h1 → h3 'B'"]
    assert not skipped_levels("<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2>")


def levels_under(html: str, title: str) -> list[tuple[int, int]]:
    """(level of each heading named `title`, level of the heading right after it)."""
    headings = [
        (int(m.group(1)), re.sub(r"<[^>]+>|\s+", " ", m.group(2)).strip())
        for m in HEADING.finditer(html)
    ]
    return [
        (level, headings[index + 1][0])
        for index, (level, text) in enumerate(headings[:-1])
        if text == title
    ]


@pytest.mark.parametrize("page_name", ["start", "my networks"])
def test_meeting_cards_sit_one_level_below_their_list(world, client_for, page_name):
    from tests.browser.pages import PAGES

    app_page = next(page for page in PAGES if page.name == page_name)
    html = client_for("representative").get(app_page.path(world)).content.decode()
    levels = levels_under(html, "Kommande möten")
    assert levels
    assert all(card == heading + 1 for heading, card in levels), levels
