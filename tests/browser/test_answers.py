"""Answering on Mina nätverk in a real Chromium: by keyboard only (Tab to the choices, arrow keys
between them, then the button), the to-do list following without a reload, and the page without
JavaScript. Set SCREENSHOT_DIR to keep screenshots of the page at 1280 and 320 px."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.models import Attendance
from tests import factories
from tests.browser.accessibility import axe_violations, format_violations, horizontal_overflow
from tests.browser.conftest import BROWSER_LOCALE

pytestmark = pytest.mark.browser

SETTLING = ".htmx-request, .htmx-added, .htmx-settling, .htmx-swapping"


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _n in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_answer_with_arrow_keys_then_save(
    page, sign_in_by_cookie, representative, neh
):
    meeting = factories.make_meeting(neh, theme_title="Kemikaliesmart förskola")
    later = factories.make_meeting(neh, days_ahead=60, theme_title="Solel på taken")
    sign_in_by_cookie(page, "representative")
    posts: list[str] = []
    page.on(
        "request", lambda r: posts.append(r.url) if r.method == "POST" and "/svar/" in r.url else 0
    )
    page.goto("/mina-natverk/")
    todo = page.locator("#todo-items")
    expect(todo.locator(f'a[href="/mina-natverk/#answer-{meeting.pk}"]')).to_have_count(1)

    form = page.locator(f"#answer-{meeting.pk}")
    # Tab reaches the group at its first choice; the arrows move between the choices (and check
    # them, as in any radio group), quickly enough that only the last one is sent.
    tab_to(page, f"#answer-{meeting.pk}-answer_0")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    expect(form.get_by_label("Kommer inte")).to_be_checked()
    # Then Tab to the button and save.
    page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Spara svar")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#live-region")).to_have_text("Ditt svar är sparat: Kommer inte.")
    expect(form.get_by_label("Kommer inte")).to_be_focused()
    expect(form.get_by_label("Kommer inte")).to_be_checked()
    expect(page.locator(SETTLING)).to_have_count(0)
    assert Attendance.objects.get(meeting=meeting).answer == "not_coming"
    # The to-do list no longer asks for this answer, without a reload; the other stays.
    expect(todo.locator(f'a[href="/mina-natverk/#answer-{meeting.pk}"]')).to_have_count(0)
    expect(todo.locator(f'a[href="/mina-natverk/#answer-{later.pk}"]')).to_have_count(1)
    page.wait_for_timeout(600)  # a change still waiting out its pause would have been sent now
    # One request: the button's submit cancels the change still waiting out its pause.
    assert len(posts) == 1, posts

    # With the focus still in the group, one arrow press is a new answer, saved after the pause.
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#live-region")).to_have_text("Ditt svar är sparat: Kommer.")
    expect(form.get_by_label("Kommer", exact=True)).to_be_focused()
    assert Attendance.objects.get(meeting=meeting).answer == "coming"

    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    if os.environ.get("SCREENSHOT_DIR"):
        form.get_by_label("Kommer", exact=True).blur()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=Path(os.environ["SCREENSHOT_DIR"], "mina-natverk-1280.png"))
    page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(page) <= 0
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(
            path=Path(os.environ["SCREENSHOT_DIR"], "mina-natverk-320.png"), full_page=True
        )
        page.locator(".rsvp-list").screenshot(
            path=Path(os.environ["SCREENSHOT_DIR"], "mina-natverk-320-meetings.png")
        )


def test_answer_without_javascript_saves_and_comes_back(
    browser,
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    sign_in_by_cookie,
    representative,
    neh,
):
    meeting = factories.make_meeting(neh, theme_title="Kemikaliesmart förskola")
    context = browser.new_context(
        base_url=live_server.url, locale=BROWSER_LOCALE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in_by_cookie(page, "representative")
        page.goto("/mina-natverk/")
        form = page.locator(f"#answer-{meeting.pk}")
        form.get_by_label("Kommer inte").check()
        expect(form.get_by_role("button", name="Spara svar")).to_be_visible()
        form.get_by_role("button", name="Spara svar").click()
        expect(page).to_have_url(f"{live_server.url}/mina-natverk/")
        expect(page.locator("main .messages")).to_contain_text("Ditt svar är sparat: Kommer inte.")
        expect(form.get_by_label("Kommer inte")).to_be_checked()
        expect(page.locator(f'#todo-items a[href$="#answer-{meeting.pk}"]')).to_have_count(0)
        assert Attendance.objects.get(meeting=meeting).answer == "not_coming"
    finally:
        context.close()
