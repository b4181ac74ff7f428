"""Keyboard-only use: the skip link, the Tab order, a visible focus on every stop, and the
htmx swap contract (focus and live region) that every htmx interaction's test asserts."""

import pytest
from playwright.sync_api import expect

from tests.browser.htmx import assert_swap_result, focused_element_description
from tests.browser.pages import PAGES, param_id

pytestmark = pytest.mark.browser

MAX_TAB_STOPS = 80

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const box = el.getBoundingClientRect();
  return {
    visible: outline || style.boxShadow !== "none",
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
  };
}"""


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, sign_in_by_cookie):
    sign_in_by_cookie(page, "staff")
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)"), (
        focused_element_description(page)
    )


@pytest.mark.parametrize("app_page", PAGES, ids=param_id)
def test_every_tab_stop_has_visible_focus(served, app_page):
    page, role = served.page, app_page.roles[-1]
    served.sign_in(role)
    page.goto(app_page.path(served.data))
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus is None:  # wrapped past the last element
            break
        where = focused_element_description(page)
        assert focus["visible"], f"no visible focus indicator on {where} ({role})"
        assert focus["onScreen"], f"focus on {where}, which is not on screen ({role})"
        stops.append(where)
    else:
        pytest.fail(f"more than {MAX_TAB_STOPS} tab stops, or focus trapped: {stops[-5:]}")
    assert any("Tillgänglighetsredogörelse" in stop for stop in stops), stops


def test_htmx_swap_contract_moves_focus_and_announces(page, sign_in_by_cookie):
    """No page has an htmx interaction yet; this drives a real htmx request (answered by a
    stubbed route) through static/js/app.js, so the contract and the helper are known to work
    when the first one arrives."""
    sign_in_by_cookie(page, "staff")
    page.route(
        "**/htmx-probe/",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<p data-announce="Punkten är sparad." data-focus tabindex="-1" '
            'id="probe-result">Sparad</p>',
        ),
    )
    page.goto("/")
    page.evaluate(
        """() => {
          const main = document.getElementById("main");
          main.insertAdjacentHTML("beforeend",
            '<div id="probe-target"></div>' +
            '<button type="button" id="probe" hx-get="/htmx-probe/" hx-target="#probe-target">' +
            'Spara</button>');
          htmx.process(document.getElementById("probe"));
        }"""
    )
    page.locator("#probe").focus()
    page.keyboard.press("Enter")
    assert_swap_result(page, focus="#probe-result", announced="Punkten är sparad.")
