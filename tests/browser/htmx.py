"""Helpers for htmx interactions: after a swap, where is the focus and what was announced?

The app's contract (static/js/app.js): a swapped fragment may carry `data-announce="…"`, whose
text is read into the page's one live region `#live-region`, and `data-focus` on the element
that should get the focus. Every htmx interaction's browser test ends with
`assert_swap_result(page, focus=..., announced=...)`.
"""

from playwright.sync_api import expect


def assert_swap_result(page, *, focus: str | None = None, announced: str | None = None) -> None:
    """Wait for the swap to settle, then check the focused element and the live region.

    `focus` is a CSS selector the focused element must match; `announced` the exact text the
    live region must say (None: not checked; "" : must stay silent).
    """
    if announced is not None:
        expect(page.locator("#live-region")).to_have_text(announced)
    if focus is not None:
        expect(page.locator(focus)).to_be_focused()


def focused_element_description(page) -> str:
    """A short description of document.activeElement, for assertion messages."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el) return "nothing";
          const id = el.id ? "#" + el.id : "";
          const text = (el.innerText || el.value || "").trim().slice(0, 40);
          return el.tagName.toLowerCase() + id + (text ? ` "${text}"` : "");
        }"""
    )
