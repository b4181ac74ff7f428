"""The whole agenda path in a real Chromium: a representative proposes, a coordinator
accepts, reorders by keyboard and publishes twice. The `page` fixture fails the test on any
console error, failed request or CSP violation."""

import pytest
from playwright.sync_api import expect

from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.browser


def test_agenda_path_in_the_browser(page, sign_in_by_cookie, representative, coordinator, neh):
    meeting = factories.make_meeting(neh, days_ahead=30, theme_title="Solel på taken")
    for n in (1, 2):
        factories.make_agenda_item(meeting, position=n, title=f"Punkt {n}", allotted_minutes=30)

    # A representative proposes, without a page reload.
    sign_in_by_cookie(page, "representative")
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
    page.context.clear_cookies()
    sign_in_by_cookie(page, "coordinator")
    page.goto(f"/moten/{meeting.pk}/dagordning/hantera/")
    card = page.locator(f"#proposal-{proposal.pk}")
    card.get_by_label("Acceptera").check()
    card.get_by_role("button", name="Spara beslut").click()
    up = page.locator(f"#move-up-{proposal.pk}")
    up.wait_for()
    # The button is in the page before htmx has wired up the swapped-in forms: wait for the swap
    # to settle, as a person's next key press would.
    expect(page.locator(".htmx-added, .htmx-settling, .htmx-swapping")).to_have_count(0)

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
