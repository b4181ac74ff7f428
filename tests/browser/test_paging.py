""" "Visa fler" in a real Chromium: by keyboard, the next rows are added without a reload, the
focus moves to the first new row and the live region says how many are shown. Without
JavaScript the same link opens the next page (tests/wishes/test_paging.py).

One walk, every paged list: a list is a row of PAGED_LISTS (who opens it, where, how its rows
are found, what the live region counts, and how to fill it with a page and a few rows more).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import ActionItem
from meetings.paging import PER_PAGE
from meetings.participation.workflow import answer_overview
from meetings.reports.figures import term_report
from meetings.terms import Term
from meetings.todo import items as todo
from representatives.models import Administration, Appointment
from tests import factories
from tests.browser.htmx import assert_swap_result
from tests.wishes.conftest import make_suggestion

pytestmark = pytest.mark.browser

# `fixture(name)` gives a test fixture (the network, the administration, the people).
Fixture = Callable[[str], object]


@dataclass(frozen=True)
class Filled:
    """What a list was filled with: its path, how many rows it has in all, and a CSS selector
    of the first row past the first page (where the focus must go)."""

    path: str
    total: int
    first_new: str


@dataclass(frozen=True)
class PagedList:
    role: str  # who opens it
    rows: str  # CSS selector of its rows (not the pager's)
    counted: str  # what the live region counts: "Visar 1–N av N {counted}."
    fill: Callable[[Fixture], Filled]  # more than a page of rows


def _suggestions(fixture: Fixture) -> Filled:
    neh, representative = fixture("neh"), fixture("representative")
    made = [
        make_suggestion(neh, representative, fixture("administration"), title=f"Förslag {n:02d}")
        for n in range(PER_PAGE + 4)
    ]
    return Filled("/natverk/neh/temaforslag/", PER_PAGE + 4, f"#suggestion-{made[PER_PAGE].pk}")


def _questions(fixture: Fixture) -> Filled:
    for n in range(PER_PAGE + 2):
        factories.make_question(fixture("neh"), fixture("administration"), title=f"Fråga {n:02d}")
    return Filled("/fragor/", PER_PAGE + 2, f"a:text-is('Fråga {PER_PAGE:02d}')")


def _network_questions(fixture: Fixture) -> Filled:
    neh, administration = fixture("neh"), fixture("administration")
    for n in range(PER_PAGE + 2):
        factories.make_question(neh, administration, title=f"Fråga {n:02d}")
    # Another network's questions are not this network's list, nor counted in it.
    for n in range(3):
        factories.make_question(fixture("nsh"), administration, title=f"NSH-fråga {n}")
    return Filled("/natverk/neh/fragor/", PER_PAGE + 2, f"a:text-is('Fråga {PER_PAGE:02d}')")


def _done_actions(fixture: Fixture) -> Filled:
    meeting = factories.make_meeting(fixture("neh"), days_ahead=-20)
    for n in range(PER_PAGE + 3):
        factories.make_action(
            meeting,
            title=f"Klar {n:02d}",
            status=ActionItem.Status.DONE,
            done_at=timezone.now() - datetime.timedelta(days=n),
        )
    return Filled("/natverk/neh/atgarder/", PER_PAGE + 3, f"a:text-is('Klar {PER_PAGE:02d}')")


def _goals(fixture: Fixture) -> Filled:
    for n in range(PER_PAGE + 2):
        factories.make_goal(fixture("neh"), title=f"Mål {n:02d}")
    return Filled("/natverk/neh/mal/", PER_PAGE + 2, f"a:text-is('Mål {PER_PAGE:02d}')")


def _representatives(fixture: Fixture) -> Filled:
    fixture("neh")
    for n in range(PER_PAGE + 2):
        factories.make_administration(name=f"Ö-förvaltning {n:02d}")
    first_new = Administration.objects.order_by("name")[PER_PAGE]
    return Filled(
        "/natverk/neh/representanter/",
        Administration.objects.count(),
        f"th:text-is('{first_new.name}')",
    )


def _people_to_deactivate(fixture: Fixture) -> Filled:
    administration, nsh = fixture("administration"), fixture("nsh")
    for n in range(PER_PAGE + 1):
        person = factories.make_user(f"tidigare{n}@example.org", f"Tidigare {n:02d}")
        appointment = factories.make_appointment(
            person, administration, nsh, start_date=datetime.date(2024, 1, 1)
        )
        appointment.end(datetime.date(2025, 1, 1))
    return Filled("/personer/utan-uppdrag/", PER_PAGE + 1, f"td:text-is('Tidigare {PER_PAGE:02d}')")


def _goal_plan(fixture: Fixture) -> Filled:
    neh = fixture("neh")
    goal = factories.make_goal(neh, title="Koldioxid")
    meeting = factories.make_meeting(neh, days_ahead=-10)
    for n in range(PER_PAGE + 1):
        factories.make_action(meeting, goal=goal, title=f"Steg {n:02d}")
    return Filled(goal.get_absolute_url(), PER_PAGE + 1, f"th:text-is('Steg {PER_PAGE:02d}')")


def _seated(fixture: Fixture, prefix: str) -> list[Administration]:
    """PER_PAGE + 2 administrations, each with one seat in NEH (names that sort last)."""
    neh = fixture("neh")
    made = []
    for n in range(PER_PAGE + 2):
        administration = factories.make_administration(name=f"{prefix} {n:02d}")
        factories.make_appointment(
            factories.make_user(full_name=f"{prefix}-person {n:02d}"), administration, neh
        )
        made.append(administration)
    return made


def _meeting_answers(fixture: Fixture) -> Filled:
    _seated(fixture, "Ö-svar")
    meeting = factories.make_meeting(fixture("neh"), days_ahead=10)
    order = answer_overview(meeting).order
    first_new = Administration.objects.get(pk=order[PER_PAGE])
    return Filled(meeting.get_absolute_url(), len(order), f"th:text-is('{first_new.name}')")


def _contacts(fixture: Fixture) -> Filled:
    _seated(fixture, "Ö-kontakt")
    seats = Appointment.objects.current().filter(network=fixture("neh"))
    first_new = seats.order_by("administration__name", "administration_id", "role")[PER_PAGE]
    return Filled(
        "/natverk/neh/kontaktlista/",
        seats.count(),
        f"th:text-is('{first_new.administration.name}')",
    )


def _administrations(fixture: Fixture) -> Filled:
    fixture("neh")
    for n in range(PER_PAGE + 2):
        factories.make_administration(name=f"Ö-aktiv {n:02d}")
    active = Administration.objects.filter(is_active=True).order_by("name", "pk")
    return Filled("/forvaltningar/", active.count(), f"th:text-is('{active[PER_PAGE].name}')")


def _report_rows(fixture: Fixture) -> Filled:
    _seated(fixture, "Ö-rapport")
    report = term_report(fixture("neh"), Term.of(timezone.localdate()))
    first_new = report.administrations[PER_PAGE].administration
    return Filled(
        "/natverk/neh/rapport/", len(report.administrations), f"th:text-is('{first_new.name}')"
    )


def _goal_report(fixture: Fixture) -> Filled:
    for n in range(PER_PAGE + 2):
        factories.make_goal(fixture("neh"), title=f"Mål {n:02d}")
    return Filled(
        "/natverk/neh/mal/rapport/", PER_PAGE + 2, f"th:text-is('Mål {PER_PAGE:02d} (2030)')"
    )


def _my_todos(fixture: Fixture) -> Filled:
    # Held long ago: its report-back pack and evaluation are past their to-do windows.
    held = factories.make_meeting(fixture("neh"), days_ahead=-400)
    today = timezone.localdate()
    for n in range(PER_PAGE + 2):
        factories.make_action(
            held,
            administrations=[fixture("administration")],
            title=f"Åtgärd {n:02d}",
            due_on=today + datetime.timedelta(days=n),
        )
    todos = todo.for_person(fixture("representative"))
    first_new = todos[PER_PAGE]
    return Filled("/mina-natverk/", todos.total, f"li.todo-item:has-text('{first_new.title}')")


PAGED_LISTS = {
    "theme suggestions": PagedList(
        "representative", ".suggestion-list > li", "öppna förslag", _suggestions
    ),
    "questions": PagedList("director", "table tbody tr:not(.paging)", "frågor", _questions),
    "a network's questions": PagedList(
        "coordinator", "table tbody tr:not(.paging)", "frågor", _network_questions
    ),
    "done actions": PagedList(
        "coordinator",
        "section[aria-labelledby=done-heading] tbody tr:not(.paging)",
        "åtgärder",
        _done_actions,
    ),
    "goals": PagedList("staff", ".goal-card", "mål", _goals),
    "a network's representatives": PagedList(
        "staff", "main table tbody tr:not(.paging)", "förvaltningar", _representatives
    ),
    "people to deactivate": PagedList(
        "coordinator", ".people-table tbody tr:not(.paging)", "personer", _people_to_deactivate
    ),
    "a goal's action plan": PagedList(
        "staff", "#action-table tbody tr:not(.paging)", "åtgärder", _goal_plan
    ),
    # A row per seat; the administration heads its seats' rows (what the pager counts).
    "a meeting's answers": PagedList(
        "coordinator", "#answers-table tbody th[scope=rowgroup]", "förvaltningar", _meeting_answers
    ),
    "a network's contacts": PagedList(
        "coordinator", "main table tbody tr:not(.paging)", "uppdrag", _contacts
    ),
    "administrations": PagedList(
        "coordinator",
        "section[aria-labelledby=active-heading] tbody tr:not(.paging)",
        "förvaltningar",
        _administrations,
    ),
    "the participation report's table": PagedList(
        "coordinator", "#attendance-table tbody tr:not(.paging)", "förvaltningar", _report_rows
    ),
    "the goal report": PagedList("coordinator", "tr.goal-row", "mål", _goal_report),
    "my to-dos": PagedList("representative", "#todo-items li.todo-item", "att göra", _my_todos),
}


@pytest.mark.parametrize("name", PAGED_LISTS)
def test_more_rows_by_keyboard(page, sign_in_by_cookie, request, name):
    paged = PAGED_LISTS[name]
    filled = paged.fill(request.getfixturevalue)
    assert PER_PAGE < filled.total < 2 * PER_PAGE  # one "Visa fler" shows the rest
    sign_in_by_cookie(page, paged.role)
    page.goto(filled.path)
    page.evaluate("window.__samePage = true")
    rows = page.locator(paged.rows)
    expect(rows).to_have_count(PER_PAGE)
    more = page.get_by_role("link", name="Visa fler")
    more.focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(filled.total)
    assert_swap_result(
        page,
        focus=filled.first_new,
        announced=f"Visar 1–{filled.total} av {filled.total} {paged.counted}.",
    )
    expect(page.get_by_role("link", name="Visa fler")).to_have_count(0)
    assert page.evaluate("window.__samePage") is True  # added in place, not a reload
