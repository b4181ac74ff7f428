"""Each role reaches each of its tasks from the start page in one click (the issue asks for at
most two): every link of the start page's task lists, in the page world (tests/browser/
conftest.py), opens a page that answers 200 and, where the link points into the page, shows
that place: the form to fill in, the row to act on.

The task lists by role: a representative's and a substitute's "Att göra"; a director's own and
their administration's; a coordinator's "Har kommit in" and "Försenat"; staff's published
minutes."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TASK_LISTS = {
    "representative": ["#todo-list"],
    "substitute": ["#todo-list"],
    "director": ["#administration-todo-list"],
    "coordinator": ["#arrived-list", "#late-list"],
    "staff": ["section[aria-labelledby=recent-minutes]"],
}


@pytest.mark.parametrize("role", TASK_LISTS)
def test_every_task_on_the_start_page_is_one_click_away(served, role):
    page = served.page
    served.sign_in(role)
    page.goto("/")
    links = page.locator(", ".join(f"{where} a[href]" for where in TASK_LISTS[role]))
    count = links.count()
    assert count, f"{role}: no task on the start page"
    for index in range(count):
        page.goto("/")
        link = links.nth(index)
        name, href = link.inner_text().strip(), link.get_attribute("href")
        with page.expect_navigation() as navigation:
            link.click()  # the one click
        response = navigation.value
        assert response is not None and response.status == 200, f"{role}: {name} → {href}"
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if "#" in href:
            target = page.locator(f"[id='{href.split('#', 1)[1]}']")
            expect(target, f"{role}: {name} → {href}").to_be_visible()
