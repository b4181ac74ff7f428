"""The language switch in a real browser whose Accept-Language is English."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.htmx import focused_element_description

pytestmark = pytest.mark.browser


def test_interface_is_swedish_for_an_english_browser(page, sign_in_by_cookie):
    sign_in_by_cookie(page, "staff")
    page.goto(reverse("home"))
    assert page.evaluate("navigator.language") == "en-US"
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", name="Kommande möten").first).to_be_visible()


def test_language_switch_to_english_and_back(page, sign_in_by_cookie, page_data):
    sign_in_by_cookie(page, "representative")
    page.goto(page_data.published.get_absolute_url())
    page.get_by_label("Språk").select_option("en")
    page.locator(".language-form").get_by_role("button").click()
    # Back on the same page, now in English.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(page_data.published.get_absolute_url())
    expect(page.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.get_by_label("Language").select_option("sv")
    page.locator(".language-form").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", name="Dagordning", exact=True)).to_be_visible()


def test_language_switch_works_by_keyboard(page):
    page.goto(reverse("account_login"))
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "language-select":
            break
    else:
        where = focused_element_description(page)
        pytest.fail(f"Tab never reached the language switch; focus is on {where}")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#language-select")).to_have_value("en")
    page.keyboard.press("Tab")
    expect(page.locator(".language-form button")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
