"""In a real Chromium: a coordinator adds a consultation with a file, and Miljöförvaltningen's
representative marks its response as sent without a page reload. The `page`
fixture fails the test on any console error, failed request or CSP violation."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import ConsultationResponse, Document
from tests.documents import samples

pytestmark = pytest.mark.browser


def test_add_a_consultation_and_mark_the_response_in_browser(
    page, sign_in_by_cookie, coordinator, representative, administration, other_administration
):
    deadline = timezone.localdate() + datetime.timedelta(days=20)

    sign_in_by_cookie(page, "coordinator")
    page.goto("/natverk/neh/")
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

    page.context.clear_cookies()
    sign_in_by_cookie(page, "representative")
    page.goto("/natverk/neh/")
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
