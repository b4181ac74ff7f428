"""In a real Chromium: a coordinator edits a meeting in place, then reads who changed what in
its change history."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_coordinator_sees_the_change_in_the_meetings_history(page, sign_in_by_cookie, page_data):
    sign_in_by_cookie(page, "coordinator")
    page.goto(page_data.published.get_absolute_url())
    page.get_by_role("link", name="Redigera mötet").click()
    page.get_by_label("Plats", exact=True).fill("Stadshuset, sal Vänern")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".htmx-added, .htmx-settling, .htmx-swapping")).to_have_count(0)
    expect(page.locator("#live-region")).to_have_text("Mötet är sparat.")

    page.get_by_role("link", name="Ändringshistorik").click()
    page.wait_for_url("**/historik/mote/*/")
    newest = page.locator(".history-entry").first
    expect(newest.get_by_role("heading")).to_contain_text("Ändrad")
    expect(newest.get_by_role("heading")).to_contain_text("Samordnare")
    row = newest.get_by_role("row", name="Plats")
    expect(row).to_contain_text("Stadshuset, sal 3")
    expect(row).to_contain_text("Stadshuset, sal Vänern")
