""" "Visa fler" in a real Chromium: by keyboard, the next rows are added without a reload, the
focus moves to the first new row and the live region says how many are shown. Without
JavaScript the same link opens the next page (tests/wishes/test_paging.py)."""

import pytest
from playwright.sync_api import expect

from meetings.paging import PER_PAGE
from tests import factories
from tests.browser.htmx import assert_swap_result
from tests.wishes.conftest import make_suggestion

pytestmark = pytest.mark.browser


def test_more_suggestions_by_keyboard(page, sign_in_by_cookie, representative, administration, neh):
    made = [
        make_suggestion(neh, representative, administration, title=f"Förslag {n:02d}")
        for n in range(PER_PAGE + 4)
    ]
    sign_in_by_cookie(page, "representative")
    page.goto("/natverk/neh/temaforslag/")
    page.evaluate("window.__samePage = true")
    expect(page.locator(".suggestion-list > li")).to_have_count(PER_PAGE)
    more = page.get_by_role("link", name="Visa fler")
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".suggestion-list > li")).to_have_count(PER_PAGE + 4)
    first_new = made[PER_PAGE]
    assert_swap_result(
        page,
        focus=f"#suggestion-{first_new.pk}",
        announced=f"Visar 1–{PER_PAGE + 4} av {PER_PAGE + 4} öppna förslag.",
    )
    expect(page.get_by_role("link", name="Visa fler")).to_have_count(0)
    assert page.evaluate("window.__samePage") is True


def test_more_questions_by_keyboard(page, sign_in_by_cookie, administration, neh):
    for n in range(PER_PAGE + 2):
        factories.make_question(neh, administration, title=f"Fråga {n:02d}")
    sign_in_by_cookie(page, "director")
    page.goto("/fragor/")
    rows = page.locator("table tbody tr:not(.paging)")
    expect(rows).to_have_count(PER_PAGE)
    page.get_by_role("link", name="Visa fler").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(PER_PAGE + 2)
    assert_swap_result(
        page,
        focus=f"a:text-is('Fråga {PER_PAGE:02d}')",
        announced=f"Visar 1–{PER_PAGE + 2} av {PER_PAGE + 2} frågor.",
    )


def test_more_done_actions_by_keyboard(page, sign_in_by_cookie, coordinator, neh):
    import datetime

    from django.utils import timezone

    from meetings.models import ActionItem

    meeting = factories.make_meeting(neh, days_ahead=-20)
    for n in range(PER_PAGE + 3):
        factories.make_action(
            meeting,
            title=f"Klar {n:02d}",
            status=ActionItem.Status.DONE,
            done_at=timezone.now() - datetime.timedelta(days=n),
        )
    sign_in_by_cookie(page, "coordinator")
    page.goto("/natverk/neh/atgarder/")
    page.evaluate("window.__samePage = true")
    rows = page.locator("section[aria-labelledby=done-heading] tbody tr:not(.paging)")
    expect(rows).to_have_count(PER_PAGE)
    page.get_by_role("link", name="Visa fler").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(PER_PAGE + 3)
    assert_swap_result(
        page,
        focus=f"a:text-is('Klar {PER_PAGE:02d}')",
        announced=f"Visar 1–{PER_PAGE + 3} av {PER_PAGE + 3} åtgärder.",
    )
    assert page.evaluate("window.__samePage") is True


def test_more_goals_by_keyboard(page, sign_in_by_cookie, neh):
    for n in range(PER_PAGE + 2):
        factories.make_goal(neh, title=f"Mål {n:02d}")
    sign_in_by_cookie(page, "staff")
    page.goto("/natverk/neh/mal/")
    page.evaluate("window.__samePage = true")
    cards = page.locator(".goal-card")
    expect(cards).to_have_count(PER_PAGE)
    page.get_by_role("link", name="Visa fler").focus()
    page.keyboard.press("Enter")
    expect(cards).to_have_count(PER_PAGE + 2)
    assert_swap_result(
        page,
        focus=f"a:text-is('Mål {PER_PAGE:02d}')",
        announced=f"Visar 1–{PER_PAGE + 2} av {PER_PAGE + 2} mål.",
    )
    assert page.evaluate("window.__samePage") is True


def test_more_representatives_on_the_network_by_keyboard(page, sign_in_by_cookie, neh):
    from representatives.models import Administration

    for n in range(PER_PAGE + 2):
        factories.make_administration(name=f"Ö-förvaltning {n:02d}")
    total = Administration.objects.count()
    sign_in_by_cookie(page, "staff")
    page.goto("/natverk/neh/representanter/")
    rows = page.locator("main table tbody tr:not(.paging)")
    expect(rows).to_have_count(PER_PAGE)
    page.get_by_role("link", name="Visa fler").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(total)
    first_new = Administration.objects.order_by("name")[PER_PAGE]
    assert_swap_result(
        page,
        focus=f"th:text-is('{first_new.name}')",
        announced=f"Visar 1–{total} av {total} förvaltningar.",
    )


def test_more_people_to_deactivate_by_keyboard(page, sign_in_by_cookie, administration, nsh):
    import datetime

    for n in range(PER_PAGE + 1):
        person = factories.make_user(f"tidigare{n}@example.org", f"Tidigare {n:02d}")
        appointment = factories.make_appointment(
            person, administration, nsh, start_date=datetime.date(2024, 1, 1)
        )
        appointment.end(datetime.date(2025, 1, 1))
    sign_in_by_cookie(page, "coordinator")
    page.goto("/personer/utan-uppdrag/")
    rows = page.locator(".people-table tbody tr:not(.paging)")
    expect(rows).to_have_count(PER_PAGE)
    page.get_by_role("link", name="Visa fler").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(PER_PAGE + 1)
    assert_swap_result(
        page,
        focus=f"td:text-is('Tidigare {PER_PAGE:02d}')",
        announced=f"Visar 1–{PER_PAGE + 1} av {PER_PAGE + 1} personer.",
    )


def test_more_actions_in_a_goals_plan_by_keyboard(page, sign_in_by_cookie, neh):
    goal = factories.make_goal(neh, title="Koldioxid")
    meeting = factories.make_meeting(neh, days_ahead=-10)
    for n in range(PER_PAGE + 1):
        factories.make_action(meeting, goal=goal, title=f"Steg {n:02d}")
    sign_in_by_cookie(page, "staff")
    page.goto(goal.get_absolute_url())
    rows = page.locator("#action-table tbody tr:not(.paging)")
    expect(rows).to_have_count(PER_PAGE)
    page.get_by_role("link", name="Visa fler").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(PER_PAGE + 1)
    assert_swap_result(
        page,
        focus=f"th:text-is('Steg {PER_PAGE:02d}')",
        announced=f"Visar 1–{PER_PAGE + 1} av {PER_PAGE + 1} åtgärder.",
    )
