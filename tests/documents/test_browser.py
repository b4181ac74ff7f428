"""In a real Chromium: a coordinator adds a consultation with a file, and Miljöförvaltningen's
representative marks its response as sent without a page reload (htmx)."""

import datetime
import os
import re
import shutil

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from meetings.models import ConsultationResponse, Document
from tests.documents import samples

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; serialized_rollback brings back the networks
    # the migrations made, for the tests after this one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but Chromium is not installed")
        pytest.skip("Chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test
    # are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield chromium
        # While Playwright's event loop runs in this thread, Django keeps the ORM's
        # connections per context rather than per thread, so the test's ORM calls opened a
        # connection of their own. Close it here, inside the loop, or PostgreSQL refuses to
        # drop the test database at the end of the run ("being accessed by other users").
        connections.close_all()
        chromium.close()


def signed_in_page(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_add_a_consultation_and_mark_the_response(
    browser, live_server, coordinator, representative, administration, other_administration
):
    from playwright.sync_api import expect

    deadline = timezone.localdate() + datetime.timedelta(days=20)

    page = signed_in_page(browser, live_server, coordinator)
    page.goto(f"{live_server.url}/natverk/neh/")
    page.get_by_role("link", name="Lägg till dokument").click()
    page.get_by_label("Titel").fill("Remiss: ny avfallsplan")
    page.get_by_label("Typ").select_option(label="Remiss")
    page.get_by_label("Fil").set_input_files(
        {"name": "Avfallsplan.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()}
    )
    page.get_by_label("Ny avfallsplan").check()
    page.get_by_label("Sista dag för svar").fill(deadline.isoformat())
    page.get_by_label("Miljöförvaltningen").check()
    page.get_by_role("button", name="Lägg till").click()
    # (A glob like **/dokument/*/ would also match the form's own URL, …/dokument/nytt/.)
    page.wait_for_url(re.compile(r"/dokument/\d+/$"))
    expect(page.get_by_text("Dokumentet är tillagt.")).to_be_visible()
    expect(page.get_by_text("0 av 1 förvaltningar har svarat.")).to_be_visible()
    document = Document.objects.get()
    assert document.deadline == deadline and document.file_name == "Avfallsplan.pdf"

    page = signed_in_page(browser, live_server, representative)
    page.goto(f"{live_server.url}/natverk/neh/")
    page.get_by_role("link", name="Remiss: ny avfallsplan").click()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role(
            "button", name="Markera svaret från Miljöförvaltningen som skickat"
        ).click()
    assert posted.value.status == 200  # the htmx partial, not a redirect
    notice = page.locator("#responses").get_by_text(
        "Svaret från Miljöförvaltningen är markerat som skickat."
    )
    notice.wait_for()
    expect(page.locator("#live-region")).to_have_text(notice.inner_text())
    response = ConsultationResponse.objects.get(document=document)
    assert response.is_sent and response.sent_by == representative
