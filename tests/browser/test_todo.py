"""The to-dos ("Att göra") in a real Chromium: from the start page a representative reaches
the answer to the next NEH meeting's invitation in one click (at most two), answers it, and the
to-do is gone from the start page. The `page` fixture fails the test on any console error,
failed request or CSP violation."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.browser


def test_home_todo_reaches_the_invitation_answer_in_at_most_two_clicks(
    page, sign_in, representative, neh
):
    meeting = factories.make_meeting(neh, days_ahead=20, theme_title="Cirkulär ekonomi")
    sign_in(page, "representative")  # lands on the start page

    todo = page.locator("#todo-list")
    expect(todo).to_contain_text("Cirkulär ekonomi")
    answer = todo.locator("li", has_text="Kallelse")
    expect(answer.locator(".tag")).to_have_text("Öppen")
    # Click 1: the to-do's link goes straight to the answer form.
    todo.get_by_role("link", name=re.compile(r"^Svara på kallelsen\W+Cirkulär ekonomi$")).click()
    form = page.locator(f"#answer-{meeting.pk}")
    expect(form).to_be_in_viewport()
    # Click 2 (after picking the answer): save.
    form.get_by_label("Kommer", exact=True).check()
    form.get_by_role("button", name="Spara svar").click()
    expect(form).to_contain_text("Sparat: Kommer")

    page.goto("/")
    expect(page.locator("#my-todo")).not_to_contain_text("Cirkulär ekonomi")
