"""WCAG 2.1 AA on every page of the app (tests/browser/pages.py), as every role that sees it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.accessibility import (
    axe_violations,
    format_violations,
    horizontal_overflow,
    unreachable_scroll_regions,
)
from tests.browser.pages import page_role_params, param_id

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10 Reflow: 320 CSS pixels wide


@pytest.mark.parametrize(("app_page", "role"), page_role_params(), ids=param_id)
def test_page_is_accessible(served, app_page, role):
    page = served.page
    served.sign_in(role)
    response = page.goto(app_page.path(served.data))
    assert response.status == app_page.status, f"{app_page.name} as {role}: {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    footer_link = page.locator("footer").get_by_role("link", name="Tillgänglighetsredogörelse")
    expect(footer_link).to_have_attribute("href", reverse("accessibility_statement"))

    violations = axe_violations(page)
    page.set_viewport_size(NARROW)
    overflow = horizontal_overflow(page)
    unreachable = unreachable_scroll_regions(page)

    assert not violations, format_violations(violations)
    assert overflow <= 0, f"{overflow}px horizontal scroll at 320px wide"
    assert not unreachable, f"scrolling tables not reachable by keyboard: {unreachable}"
