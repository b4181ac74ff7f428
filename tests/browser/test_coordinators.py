"""In a real Chromium: a coordinator plans a term, edits a meeting in place, publishes its
theme. The `page` fixture fails the test on any console error, failed request or
CSP violation."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_coordinator_plans_a_term_and_publishes_a_theme(
    page, sign_in_by_cookie, network_people, mailoutbox
):
    sign_in_by_cookie(page, "coordinator")
    page.goto("/natverk/neh/planera/")
    rows = page.locator("table.plan-table tbody tr")
    expect(rows).to_have_count(5)  # four proposals and an empty row
    page.get_by_role("button", name="Skapa mötena").click()
    page.wait_for_url("**/natverk/neh/samordning/")
    assert "4 möten planerade" in page.locator(".messages").inner_text()
    expect(page.locator("#unpublished li")).to_have_count(4)

    page.locator("#unpublished a").first.click()
    page.get_by_role("link", name="Redigera mötet").click()
    page.get_by_label("Tema", exact=True).fill("Solel på kommunens tak")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("#meeting-facts-section #edit-meeting")
    expect(page.locator("#meeting-title")).to_have_text("Solel på kommunens tak")
    expect(page.locator("#live-region")).to_have_text("Mötet är sparat.")
    expect(page.locator("#edit-meeting")).to_be_focused()

    page.get_by_role("link", name="Publicera temat").click()
    page.get_by_role("button", name="Publicera och skicka").click()
    page.wait_for_selector(".messages")
    assert "3 e-postmeddelanden skickas" in page.locator(".messages").inner_text()
    assert sorted(m.to[0] for m in mailoutbox) == [
        "ersattare@example.org",
        "representant@example.org",
        "tredje@example.org",
    ]
    assert all("Solel på kommunens tak" in m.subject for m in mailoutbox)
