"""The report-back pack in a real Chromium: the representative opens the pack
from the meeting page, copies it as text and reads the plain text, marks it presented (once with
a wrong date), and the coordinator sees it marked. The `page` fixture fails the test on any
console error, failed request or CSP violation."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import ActionItem, Question, ReportBack
from tests import factories

pytestmark = pytest.mark.browser


def test_report_back_path_in_the_browser(
    page, sign_in, sign_in_by_cookie, representative, coordinator, administration, neh
):
    held = factories.make_meeting(neh, days_ahead=-7, theme_title="Cirkulär upphandling")
    Question.objects.create(
        network=neh,
        administration=administration,
        title="Hur minskar vi engångsplasten?",
        raised_on=timezone.localdate() - datetime.timedelta(days=30),
        state=Question.State.OUTCOME,
        meeting=held,
        outcome="Gemensamma upphandlingskrav tas fram.",
    )
    action = ActionItem.objects.create(
        meeting=held,
        title="Inventera engångsartiklar",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    action.administrations.add(administration)

    # The representative opens the pack from the meeting page.
    sign_in(page, "representative")
    page.goto(held.get_absolute_url())
    page.get_by_role("link", name="Återrapport för Miljöförvaltningen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Miljöförvaltningen")
    main = page.locator("main")
    expect(main).to_contain_text("Hur minskar vi engångsplasten?")
    expect(main).to_contain_text("Utfall registrerat")
    expect(page.locator("#pack-expected")).to_contain_text("Inventera engångsartiklar")

    # Printed: no navigation, no forms, no copy tools; the content stays.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Markera som presenterad")).to_be_hidden()
    expect(page.locator("#pack-text")).to_be_hidden()
    expect(page.locator("#pack-expected")).to_be_visible()
    page.emulate_media(media="screen")

    # Copies it as text: the button appears with JavaScript and announces the copy.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Kopiera texten").click()
    expect(page.locator("#live-region")).to_have_text("Återrapporten är kopierad.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Hur minskar vi engångsplasten? (Utfall registrerat)" in copied
    assert "Inventera engångsartiklar" in copied

    # Reads the plain text (fetched with the page's session: a text page has no favicon link,
    # so opening it as a page would make the browser ask for /favicon.ico).
    href = page.get_by_role("link", name="Återrapporten som ren text").get_attribute("href")
    text = page.request.get(href)
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert "VAD SOM FÖRVÄNTAS AV FÖRVALTNINGEN OCH NÄR" in text.text()

    # Marks it presented: a future date is refused, today is accepted.
    field = page.get_by_label("Presenterad för ledningsgruppen den")
    field.fill(str(timezone.localdate() + datetime.timedelta(days=1)))
    page.get_by_role("button", name="Markera som presenterad").click()
    expect(page.locator(".error-summary")).to_contain_text("Datumet kan inte ligga i framtiden.")
    assert not ReportBack.objects.exists()
    today = timezone.localdate()
    page.get_by_label("Presenterad för ledningsgruppen den").fill(str(today))
    page.get_by_role("button", name="Markera som presenterad").click()
    expect(page.locator("#pack-state")).to_contain_text("Presenterad för ledningsgruppen")
    report = ReportBack.objects.get()
    assert (report.presented_on, report.marked_by) == (today, representative)

    # The coordinator sees it marked, from the dashboard.
    page.context.clear_cookies()
    sign_in_by_cookie(page, "coordinator")
    page.goto("/natverk/neh/samordning/")
    summary = page.locator("#report-back-summary")
    expect(summary).to_contain_text("1 av 1")
    summary.get_by_role("link").first.click()
    row = page.locator("#report-back-status tr", has_text="Miljöförvaltningen")
    expect(row).to_contain_text("Ja,")
    expect(row).to_contain_text("Rita Representant")
