"""The harness itself: it must notice the problems it exists to catch."""

import pytest

from tests.browser.accessibility import axe_violations, format_violations, horizontal_overflow

pytestmark = pytest.mark.browser


def test_page_fixture_records_console_errors_missing_files_and_csp_violations(page, page_problems):
    page.goto("/tillganglighet/")
    page.evaluate(
        """async () => {
          console.error("boom");
          await fetch("/static/finns-inte.css");
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";  // inline: the CSP must refuse it
          document.body.append(script);
          document.body.setAttribute("style", "color: red");  // style="" too
        }"""
    )
    # Violation events are dispatched asynchronously: wait (bounded) for both to arrive.
    for _ in range(50):
        if sum("CSP violation" in problem for problem in page_problems.problems) >= 2:
            break
        page.wait_for_timeout(50)
    found = "\n".join(page_problems.problems)
    page_problems.problems.clear()  # expected here; the teardown check must not fail the test
    assert "console error: boom" in found
    assert "HTTP 404 for" in found and "finns-inte.css" in found
    assert "CSP violation: script-src-elem" in found
    assert "CSP violation: style-src-attr" in found
    assert page.evaluate("window.inlineRan") is None


def test_axe_finds_violations_and_reports_them_readably(page):
    page.goto("/tillganglighet/")
    page.evaluate(
        """() => document.getElementById("main").insertAdjacentHTML(
          "beforeend", '<input type="text" id="unlabelled">')"""
    )
    report = format_violations(axe_violations(page))
    assert "label (critical): Form elements must have labels" in report
    assert "#unlabelled" in report


def test_horizontal_overflow_is_measured(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/tillganglighet/")
    assert horizontal_overflow(page) == 0
    page.evaluate(
        """() => document.getElementById("main").insertAdjacentHTML(
          "beforeend", "<pre>" + "x".repeat(200) + "</pre>")"""
    )
    assert horizontal_overflow(page) > 0
