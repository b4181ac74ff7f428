"""In a real Chromium: plan a term, edit a meeting in place, publish its theme."""

import os
import shutil

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Chromium is not installed"),
    # The networks come from a data migration: restore them for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page(live_server, coordinator, network_people, monkeypatch):
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's event loop makes Django think it runs async; the ORM is used synchronously.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client = Client()
    client.force_login(coordinator)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        context = browser.new_context(base_url=live_server.url)
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        context.set_default_timeout(10_000)
        yield context.new_page()
        browser.close()


# No ORM queries in the test body: inside Playwright's context they would open a database
# connection nobody closes, and PostgreSQL then cannot drop the test database.
def test_coordinator_plans_a_term_and_publishes_a_theme(page, mailoutbox):
    assert os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] == "true"
    page.goto("/natverk/neh/planera/")
    rows = page.locator("table.plan-table tbody tr")
    assert rows.count() == 5  # four proposals and an empty row
    page.get_by_role("button", name="Skapa mötena").click()
    page.wait_for_url("**/natverk/neh/samordning/")
    assert "4 möten planerade" in page.locator(".messages").inner_text()
    assert page.locator("#unpublished li").count() == 4

    page.locator("#unpublished a").first.click()
    page.get_by_role("link", name="Redigera mötet").click()
    page.get_by_label("Tema:", exact=True).fill("Solel på kommunens tak")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("#meeting-facts-section #edit-meeting")
    assert page.locator("#meeting-title").inner_text() == "Solel på kommunens tak"
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("#live-region")).to_have_text("Mötet är sparat.")
    expect(page.locator("#edit-meeting")).to_be_focused()

    page.get_by_role("link", name="Publicera temat").click()
    page.get_by_role("button", name="Publicera och skicka").click()
    page.wait_for_selector(".messages")
    assert "3 e-brev skickas" in page.locator(".messages").inner_text()
    assert sorted(m.to[0] for m in mailoutbox) == [
        "ersattare@example.org",
        "representant@example.org",
        "tredje@example.org",
    ]
    assert all("Solel på kommunens tak" in m.subject for m in mailoutbox)
