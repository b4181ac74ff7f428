"""Finding one's way in the demo: a newcomer reaches what they look for from the start page
through the network's sections in a few clicks, by the links' visible names alone."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from meetings.demo import build_demo
from meetings.models import Meeting, MinutesVersion
from tests.accounts.support import sign_in_as

pytestmark = pytest.mark.browser

NEWCOMER = "representant.miljo@example.org"  # Miljöförvaltningen's representative in NEH


@pytest.fixture
def newcomer(page, live_server):
    """The demo, and its NEH representative signed in (by cookie) on the start page."""
    accounts = build_demo()
    client = sign_in_as(Client(), accounts[NEWCOMER])
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    page.goto("/")
    return accounts[NEWCOMER]


def sections(page):
    return page.get_by_role("navigation", name="Nätverket NEH")


def test_what_neh_decided_about_solar_panels_is_four_clicks_from_home(page, newcomer):
    held = MinutesVersion.objects.select_related("minutes__meeting").latest("number")
    meeting = held.minutes.meeting
    page.get_by_role("link", name=re.compile(r"\(NEH\)$")).click()  # 1: the network
    sections(page).get_by_role("link", name="Möten").click()  # 2: its meetings
    expect(sections(page).get_by_role("link", name="Möten")).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_role("link", name=meeting.theme_title, exact=True).first.click()  # 3
    page.get_by_role("link", name=re.compile("Läs minnesanteckningarna")).click()  # 4
    expect(page.get_by_text(re.compile("solceller"))).not_to_have_count(0)


def test_answering_the_next_neh_meeting_is_two_clicks_from_home(page, newcomer):
    upcoming = Meeting.objects.visible_to(newcomer).filter(network__code="NEH").upcoming()
    meeting = upcoming.first()
    page.get_by_role("link", name=re.compile(r"\(NEH\)$")).click()  # 1: the network
    # The overview's "Nästa möten" lists it first.
    next_meetings = page.get_by_role("region", name="Nästa möten")
    next_meetings.get_by_role("link").first.click()  # 2: the meeting
    expect(page.get_by_role("heading", level=1)).to_contain_text(meeting.theme_title)
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Spara svar").click()
    # The visible status, not the live region that announces it too.
    expect(page.locator(".answer-status")).to_contain_text("Sparat")
    assert meeting.attendances.filter(person=newcomer).exclude(answer="").exists()
