"""The whole agenda path in a real Chromium: propose, accept, reorder by keyboard, publish twice."""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread

from meetings.models import AgendaItem
from tests import factories

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no Chromium on this machine"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def agenda_server():
    """A server for this test only.

    pytest-django's `live_server` lives for the whole session and keeps a database connection
    open past the test database's teardown, which PostgreSQL refuses to drop.
    """
    server = LiveServerThread("localhost", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    server.url = f"http://{server.host}:{server.port}"
    yield server
    server.terminate()


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop; Django's ORM calls in the test are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield browser
        browser.close()


def signed_in_page(browser, agenda_server, user, errors):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=agenda_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": agenda_server.url,
            }
        ]
    )
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def test_agenda_path_in_the_browser(browser, agenda_server, representative, coordinator, neh):
    try:
        walk_the_agenda_path(browser, agenda_server, representative, coordinator, neh)
    finally:
        # ORM calls made while Playwright runs open connections in another context (asgiref's
        # context-local connections) that the test's teardown never sees; close them here,
        # or PostgreSQL cannot drop the test database.
        connections.close_all()


def walk_the_agenda_path(browser, agenda_server, representative, coordinator, neh):
    from playwright.sync_api import expect

    meeting = factories.make_meeting(neh, days_ahead=30, theme_title="Solel på taken")
    for n in (1, 2):
        factories.make_agenda_item(meeting, position=n, title=f"Punkt {n}", allotted_minutes=30)
    errors: list[str] = []

    # A representative proposes, without a page reload.
    page = signed_in_page(browser, agenda_server, representative, errors)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Föreslå en punkt").click()
    page.evaluate("window.__samePage = true")
    page.get_by_role("button", name="Skicka förslaget").click()
    page.get_by_text("Formuläret behöver rättas").wait_for()
    page.get_by_label("Rubrik").fill("Vår plan för solceller")
    page.get_by_label("Önskad tid (minuter)").fill("20")
    page.get_by_role("button", name="Skicka förslaget").click()
    page.locator(".proposal", has_text="Vår plan för solceller").wait_for()
    assert page.evaluate("window.__samePage") is True
    assert "Föreslagen" in page.locator(".proposal", has_text="Vår plan för solceller").inner_text()
    proposal = AgendaItem.objects.get(title="Vår plan för solceller")

    # A coordinator accepts it; it joins the end of the agenda.
    page = signed_in_page(browser, agenda_server, coordinator, errors)
    page.goto(f"/moten/{meeting.pk}/dagordning/hantera/")
    card = page.locator(f"#proposal-{proposal.pk}")
    card.get_by_label("Acceptera").check()
    card.get_by_role("button", name="Spara beslut").click()
    up = page.locator(f"#move-up-{proposal.pk}")
    up.wait_for()

    # Reorders by keyboard: focus stays on the moved item, the live region says where it went.
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#live-region")).to_contain_text("plats 2 av 3")
    assert page.evaluate("document.activeElement.id") == f"move-up-{proposal.pk}"
    page.keyboard.press("Enter")
    expect(page.locator("#live-region")).to_contain_text("plats 1 av 3")
    assert page.evaluate("document.activeElement.id") == f"move-down-{proposal.pk}"
    proposal.refresh_from_db()
    assert proposal.position == 1

    # Publishes version 1, then a change as version 2.
    page.get_by_role("button", name="Publicera dagordningen").click()
    page.get_by_text("Publicerad version: 1").wait_for()
    page.locator(f"#move-down-{proposal.pk}").click()
    page.get_by_text("Utkastet har ändringar").wait_for()
    page.get_by_label("Vad har ändrats?").fill("Solcellerna tas efter punkt 1.")
    page.get_by_role("button", name="Publicera version 2").click()
    page.get_by_text("Publicerad version: 2").wait_for()

    page.goto(f"/moten/{meeting.pk}/dagordning/")
    content = page.locator("main").inner_text()
    assert "Ändringar sedan förra versionen (1)" in content
    assert "Solcellerna tas efter punkt 1." in content
    assert meeting.agenda_versions.count() == 2
    assert errors == []
