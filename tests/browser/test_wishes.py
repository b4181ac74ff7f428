"""Theme wishes in a real Chromium: a representative suggests a theme, the
substitute supports it without a page reload (focus kept, the count announced), and the
coordinator makes it a planned meeting's draft theme. The `page` fixture fails the test on any
console error, failed request or CSP violation."""

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, ThemeSuggestion
from tests import factories
from tests.browser.htmx import assert_swap_result

pytestmark = pytest.mark.browser


def test_suggest_support_and_adopt_in_the_browser(
    page, sign_in_by_cookie, representative, substitute, coordinator, neh
):
    planned = factories.make_meeting(
        neh, days_ahead=60, status=Meeting.Status.PLANNED, theme_title=""
    )
    area = neh.work_areas.active().first()

    # The representative suggests from the network's section "Temaförslag".
    sign_in_by_cookie(page, "representative")
    page.goto("/natverk/neh/")
    page.get_by_role("navigation", name="Nätverket NEH").get_by_role(
        "link", name="Temaförslag"
    ).click()
    page.get_by_role("button", name="Skicka förslaget").click()
    page.get_by_text("Formuläret behöver rättas").wait_for()
    page.get_by_role("textbox", name="Tema").fill("Laddinfrastruktur för kommunens fordon")
    page.get_by_label("Varför?").fill("Flera förvaltningar bygger laddplatser samtidigt.")
    page.get_by_label("Arbetsområde").select_option(str(area.pk))
    page.get_by_role("button", name="Skicka förslaget").click()
    page.get_by_text("Ditt temaförslag ”Laddinfrastruktur för kommunens fordon”").wait_for()
    suggestion = ThemeSuggestion.objects.get(title="Laddinfrastruktur för kommunens fordon")
    assert suggestion.suggested_by == representative
    # One's own suggestion has no support button.
    expect(page.locator(f"#suggestion-{suggestion.pk} button")).to_have_count(0)

    # The substitute supports it with htmx: no reload, focus stays, the count is announced.
    page.context.clear_cookies()
    sign_in_by_cookie(page, "substitute")
    page.goto("/natverk/neh/temaforslag/")
    page.evaluate("window.__samePage = true")
    button = page.locator(f"#support-button-{suggestion.pk}")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#support-count-{suggestion.pk}")).to_contain_text("1 stöder förslaget")
    expect(page.locator(".htmx-added, .htmx-settling, .htmx-swapping")).to_have_count(0)
    assert_swap_result(
        page,
        focus=f"#support-button-{suggestion.pk}",
        announced="Du stöder ”Laddinfrastruktur för kommunens fordon”. 1 stöder förslaget.",
    )
    expect(page.locator(f"#support-button-{suggestion.pk}")).to_contain_text(
        "Ta tillbaka mitt stöd"
    )
    assert page.evaluate("window.__samePage") is True
    assert suggestion.supports.filter(person=substitute).exists()

    # The coordinator sees it and makes it the planned meeting's draft theme in one step.
    page.context.clear_cookies()
    sign_in_by_cookie(page, "coordinator")
    page.goto("/natverk/neh/temaforslag/")
    item = page.locator(f"#suggestion-{suggestion.pk}")
    expect(item).to_contain_text("1 stöder förslaget")
    item.get_by_text("Gör till mötets tema").click()
    item.get_by_label("Möte").select_option(str(planned.pk))
    item.get_by_role("button", name="Gör till tema").click()
    page.get_by_text("är nu utkast till tema för mötet").wait_for()
    assert page.url.endswith(planned.get_absolute_url())
    planned.refresh_from_db()
    suggestion.refresh_from_db()
    assert planned.theme_title == "Laddinfrastruktur för kommunens fordon"
    assert planned.status == Meeting.Status.PLANNED
    assert suggestion.status == ThemeSuggestion.Status.ADOPTED
    assert suggestion.adopted_meeting == planned
