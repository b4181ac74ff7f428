"""Real-browser fixtures: Debian's Chromium driven by Playwright's sync API against live_server.

One browser per test session, a new context (cookies, storage) per test. The `page` fixture
records every console error, uncaught exception, failed request, subresource answered with an
HTTP error, and CSP violation, and fails the test at teardown if there was any.

Without Chromium the tests are skipped (locally) or fail (`REQUIRE_BROWSER=1`, as in CI).
"""

import contextlib
import copy
import dataclasses
import datetime
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from tests import factories, rows

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-gpu",
]
CSP_REPORTER = Path(__file__).parent / "js" / "report_csp_violations.js"
# What Chromium on an English-language municipal computer sends; the app must still be Swedish.
BROWSER_LOCALE = "en-US"


def _chromium_missing_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: make install (pip install -e '.[dev]')"
    return None


def _serialized_contents() -> dict[str, str]:
    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(scope="session")
def browser(django_db_setup):
    missing = _chromium_missing_reason()
    if missing:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {missing}", pytrace=False)
        pytest.skip(missing)

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio event loop in this thread; Django refuses ORM calls
    # while a loop runs unless told it is safe. It is: the test thread only creates test data,
    # and the live server answers in its own thread.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # The loop also changes what Django's connection handler (an asgiref Local) hands out: from
    # now on the test thread gets new connection objects. Those lack the copy of the migrated
    # data that serialized rollback restores (taken when the test database was created), so
    # carry it over.
    serialized = _serialized_contents()
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageProblems:
    """What went wrong in the browser while a test ran."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.error_documents: set[str] = set()

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        # A page answered 404/403 on purpose is reported by Chromium as a failed resource too;
        # the test asserts that status itself.
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and url in self.error_documents:
            return
        self.problems.append(f"console error: {message.text} ({url})")

    def on_page_error(self, error) -> None:
        self.problems.append(f"uncaught exception: {error}")

    def on_request_failed(self, request) -> None:
        # Aborted means the page navigated on before a request (often the favicon) finished; a
        # missing file shows as an HTTP error response, a CSP block as a console error.
        if request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def on_response(self, response) -> None:
        if response.status < 400:
            return
        # A page (or, for htmx, a fragment with a form's errors: 422, swapped like a 200)
        # answered with an error status on purpose; the test checks what it shows.
        resource = response.request.resource_type
        if resource == "document" or (response.status == 422 and resource in ("xhr", "fetch")):
            self.error_documents.add(response.url)
        else:
            self.problems.append(f"HTTP {response.status} for {response.url}")


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


def _new_context(browser, base_url: str):
    context = browser.new_context(
        base_url=base_url, locale=BROWSER_LOCALE, viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(5_000)
    context.add_init_script(path=CSP_REPORTER)
    return context


@contextlib.contextmanager
def _watched_page(context, problems: PageProblems) -> Iterator:
    """A new page whose problems fail the test when it closes."""
    # allauth counts sign-in attempts per IP in the cache; every test signs in from 127.0.0.1.
    cache.clear()
    page = context.new_page()
    page.on("console", problems.on_console)
    page.on("pageerror", problems.on_page_error)
    page.on("requestfailed", problems.on_request_failed)
    page.on("response", problems.on_response)
    yield page
    page.close()
    if problems.problems:
        pytest.fail(
            "The browser reported problems:\n  " + "\n  ".join(problems.problems),
            pytrace=False,
        )


@pytest.fixture
def browser_context(browser, live_server):
    context = _new_context(browser, live_server.url)
    yield context
    context.close()


@pytest.fixture
def page(
    browser_context, page_problems, transactional_db, django_db_serialized_rollback
) -> Iterator:
    # Serialized rollback: the networks come from a data migration, and a transactional test
    # flushes every table, so the serialized copy is loaded again before each browser test.
    with _watched_page(browser_context, page_problems) as page:
        yield page


@pytest.fixture
def sign_in(user_for_role, live_server) -> Callable:
    """Sign in through the real allauth form as one of the standard roles; return the user."""

    def sign_in_as(page, role: str):
        user = user_for_role(role)
        if user is None:
            return None
        page.goto(reverse("account_login"))
        page.get_by_label("E-post").fill(user.email)
        page.get_by_label("Lösenord").fill(factories.PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Logga in").click()
        assert page.url == f"{live_server.url}{reverse('home')}", page.url
        return user

    return sign_in_as


# The fixtures `page_data` is built around, in the order it always asked for them.
PAGE_DATA_PEOPLE = (
    "neh",
    "representative",
    "substitute",
    "coordinator",
    "director",
    "administration",
)
# The roles among them: `user_for_role` hands out the restored world's person for these.
PAGE_DATA_ROLES = ("representative", "substitute", "coordinator", "director")
RESTORED_PEOPLE = pytest.StashKey[dict]()


@pytest.fixture(scope="module")
def recorded_page_data() -> dict:
    """Per module: the rows `page_data` added when it was first built, and what it returned."""
    return {}


@pytest.fixture
def page_data(request, recorded_page_data, transactional_db, django_db_serialized_rollback):
    """The objects every page of `pages.PAGES` is shown with, and people in the seats.

    The first test of a module that asks for it builds it (with the standard people's fixtures
    and the app's own functions) and records the rows that added. Every browser test starts
    from the same migrated data (transactional, serialized rollback), so the module's later
    tests get those rows written again and a copy of the objects: the same world, a fraction
    of the cost. A test that asks for one of the people itself gets it built afresh.
    """
    recorded = recorded_page_data.get("world")
    asked_itself = set(PAGE_DATA_PEOPLE) & set(request.fixturenames)
    if recorded is not None and not asked_itself:
        changes, data, people = recorded
        changes.write()
        request.node.stash[RESTORED_PEOPLE] = people
        return copy.deepcopy(data)
    before = rows.read()
    people = {name: request.getfixturevalue(name) for name in PAGE_DATA_PEOPLE}
    data = _build_page_data(**people)
    if not asked_itself:
        recorded_page_data["world"] = (
            rows.Changes.between(before, rows.read()),
            copy.deepcopy(data),
            {role: people[role].pk for role in PAGE_DATA_ROLES},
        )
    return data


@pytest.fixture
def user_for_role(request, user_for_role):
    """As tests/conftest.py's, but the people of a written-again `page_data` are its own."""
    from accounts.models import User

    def resolve(role: str):
        restored = request.node.stash.get(RESTORED_PEOPLE, {})
        if role in restored:
            return User.objects.get(pk=restored[role])
        return user_for_role(role)

    return resolve


def _failed_delivery(meeting) -> None:
    """A message the worker gave up on, so the coordinators' "Misslyckade utskick" has a row."""
    from config.mail import message
    from meetings.models import OutboxMessage
    from meetings.outbox import outbox

    mail = message("Ändrat: NEH möte", "Text", to=["borta@example.org"])
    outbox.record(mail, kind="page-data", obj=meeting)
    OutboxMessage.objects.filter(kind="page-data").update(
        status=OutboxMessage.Status.FAILED, attempts=6, last_error="SMTPServerDisconnected"
    )


def _earlier_visits(neh, *people) -> None:
    """A visit to NEH's overview yesterday: its "Sedan ditt senaste besök" lists this world."""
    from meetings.models import NetworkVisit

    yesterday = timezone.now() - datetime.timedelta(days=1)
    NetworkVisit.objects.bulk_create(
        NetworkVisit(user=person, network=neh, seen_at=yesterday) for person in people
    )


def _build_page_data(neh, representative, substitute, coordinator, director, administration):
    from meetings.models import Meeting
    from tests.browser.pages import PageData

    published = factories.make_meeting(
        neh,
        theme_title="Klimatanpassning i planeringen",
        theme_description="Hur förvaltningarna planerar för skyfall och värmeböljor.",
        place="Stadshuset, sal 3",
        online_url="https://mote.example.org/klimat",
        format=Meeting.Format.HYBRID,
        agenda_published_at=timezone.now(),
    )
    published.work_areas.set(neh.work_areas.all()[:2])
    factories.make_agenda_item(published, position=1, title="Skyfallskartering", wished_minutes=30)
    factories.make_agenda_item(published, position=2, title="Frågor från förvaltningarna")
    cancelled = factories.make_meeting(
        neh,
        days_ahead=60,
        status=Meeting.Status.CANCELLED,
        theme_title="Giftfri förskola",
        cancellation_reason="För få anmälda.",
    )
    planned = factories.make_meeting(
        neh, days_ahead=90, status=Meeting.Status.PLANNED, theme_title="Utkast till tema"
    )
    held = factories.make_meeting(
        neh,
        days_ahead=-30,
        theme_title="Cirkulär upphandling",
        agenda_published_at=timezone.now() - datetime.timedelta(days=40),
    )
    _report_back_content(held, administration, representative)
    from meetings.models import Invitation

    invitation_token = "en-kollegas-inbjudan-till-ett-publicerat-mote"
    Invitation.objects.create(
        meeting=published,
        invited_by=representative,
        administration=administration,
        full_name="Kalle Kollega",
        email="kalle@example.org",
        reason="Ansvarar för skyfallsplanen.",
        token_hash=Invitation.hash_token(invitation_token),
    )
    from meetings.agenda import workflow as agenda

    agenda.publish(published, coordinator, change_note="", based_on=0)
    from meetings.models import Attendance

    # Answered in Outlook ("Preliminärt", with a note): the coordinators' table shows both.
    Attendance.objects.create(
        meeting=published,
        person=substitute,
        administration=administration,
        source=Attendance.Source.OUTLOOK,
        tentative=True,
        comment="Beror på om budgetmötet flyttas.",
    )
    open_for_proposals = factories.make_meeting(neh, days_ahead=45, theme_title="Solel på taken")
    factories.make_agenda_item(open_for_proposals, position=1, title="Lägesbild solel")
    factories.make_agenda_item(
        open_for_proposals,
        title="Vår plan för solceller",
        proposed_by=representative,
        administration=administration,
    )
    from tests.minutes.build import held_meeting_with_minutes

    _failed_delivery(published)
    _earlier_visits(neh, representative, substitute, coordinator, director)
    return PageData(
        evaluated=_evaluated_meeting(neh, representative, substitute),
        minuted=held_meeting_with_minutes(
            neh, coordinator, administration, people=[representative]
        ),
        open_for_proposals=open_for_proposals,
        published=published,
        cancelled=cancelled,
        planned=planned,
        administration=administration,
        invitation_token=invitation_token,
        consultation=factories.make_consultation(
            neh, asked=[administration], title="Remiss: ny avfallsplan"
        ),
        theme_suggestion=_theme_suggestions(neh, representative, substitute, administration),
        held=held,
        question=_answered_question(neh, administration, representative, coordinator),
        goal=_goal(neh, published, administration),
    )


def _theme_suggestions(neh, representative, substitute, administration):
    """An open suggestion the substitute supports, and a closed one."""
    from meetings.models import ThemeSuggestion
    from meetings.wishes import workflow as wishes

    area = neh.work_areas.active().first()
    suggestion = ThemeSuggestion.objects.create(
        network=neh,
        title="Laddinfrastruktur för kommunens fordon",
        why="Flera förvaltningar bygger laddplatser samtidigt.",
        work_area=area,
        suggested_by=representative,
        administration=administration,
    )
    wishes.support(suggestion.pk, substitute)
    closed = ThemeSuggestion.objects.create(
        network=neh,
        title="Studiebesök på reningsverket",
        why="En gemensam bild av vattnet.",
        work_area=area,
        suggested_by=substitute,
        administration=administration,
    )
    wishes.close(closed.pk, "Passar bättre i Vattenveckan.", None)
    return suggestion


def _evaluated_meeting(neh, representative, substitute):
    """A held NEH meeting both attended; the substitute has evaluated it."""
    from meetings.models import Attendance, Evaluation

    meeting = factories.make_meeting(neh, days_ahead=-3, theme_title="Cirkulär ekonomi")
    for person in (representative, substitute):
        Attendance.objects.create(meeting=meeting, person=person, answer="coming", attended=True)
    Evaluation.objects.create(
        meeting=meeting,
        person=substitute,
        usefulness=4,
        length="too_long",
        preferred_format="hybrid",
        comment="Bra exempel från andra förvaltningar.",
    )
    return meeting


def _report_back_content(held, administration, representative):
    """A question with an outcome, an overdue action and a document for the held meeting's
    report-back pack."""
    import datetime

    from meetings.models import ActionItem, Question

    # Carried by a management group's item on the held agenda: the meeting page lists it.
    item = factories.make_agenda_item(
        held,
        position=1,
        title="Hur minskar vi engångsplasten?",
        is_management_question=True,
        administration=administration,
    )
    Question.objects.create(
        agenda_item=item,
        network=held.network,
        administration=administration,
        title="Hur minskar vi engångsplasten?",
        raised_on=timezone.localdate(held.starts_at) - datetime.timedelta(days=20),
        state=Question.State.OUTCOME,
        meeting=held,
        outcome="Nätverket tar fram gemensamma upphandlingskrav.",
        raised_by=representative,
    )
    action = ActionItem.objects.create(
        meeting=held,
        title="Inventera engångsartiklar",
        due_on=timezone.localdate(held.starts_at) + datetime.timedelta(days=14),
    )
    action.administrations.add(administration)
    factories.make_document(held.network, title="Presentation: cirkulär upphandling", meeting=held)


def _answered_question(neh, administration, representative, coordinator):
    """A question answered in writing, so its page has a trail and a step to take."""
    from meetings.questions import steps as questions

    question = factories.make_question(
        neh,
        administration,
        raised_by=representative,
        title="Vem ansvarar för skyfallskarteringen?",
        description="Ledningsgruppen vill veta vart vi vänder oss.",
    )
    return questions.answer(question, coordinator, "Samhällsbyggnadsförvaltningen.")


def _goal(neh, meeting, administration):
    """NEH's carbon goal with values, an action plan and a follow-up on the agenda."""
    goal = factories.make_goal(
        neh, title="Koldioxidmålet", description="Klimatneutral kommunorganisation 2030."
    )
    factories.make_indicator(
        goal,
        name="Växthusgasutsläpp",
        responsible_administration=administration,
        values={2020: "900", 2022: "720", 2024: "610"},
    )
    factories.make_action(meeting, administrations=[administration], goal=goal)
    factories.make_agenda_item(
        meeting, position=3, title="Måluppföljning", kind="goal_follow_up", goal=goal
    )
    return goal


def _sign_in_by_cookie(page, user, base_url: str) -> None:
    from django.conf import settings
    from django.test import Client

    from tests.accounts.support import sign_in_as as sign_in_as_in_tests

    client = sign_in_as_in_tests(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )


@pytest.fixture
def sign_in_by_cookie(user_for_role, live_server) -> Callable:
    """Sign in as a role by handing the browser a session cookie: for tests about the pages
    behind the sign-in rather than about signing in (`sign_in` goes through the form)."""

    def sign_in_as(page, role: str):
        user = user_for_role(role)
        if user is not None:
            _sign_in_by_cookie(page, user, live_server.url)
        return user

    return sign_in_as


# --- The page world, built once per module --------------------------------------------------
#
# Most page tests only look: they load a page as a role and check what it shows (headings,
# language, accessibility, keyboard). For them `page_data`'s world is built once per module
# instead of once per test, which is most of what such a test costs, above all the flush of
# every table after a transactional test. A test that changes data takes `page_data`.


def _build_world() -> tuple[object, dict[str, int]]:
    """The page data and every standard person, the pk of each by role."""
    people = factories.standard_people()
    data = _build_page_data(**{name: people[name] for name in PAGE_DATA_PEOPLE})
    by_role = {role: people[role].pk for role in (*PAGE_DATA_ROLES, "staff")}
    by_role["admin"] = people["admin_user"].pk
    return data, by_role


@pytest.fixture(scope="module")
def page_world(django_db_setup, django_db_blocker):
    """The world for tests through Django's test client: built in a transaction that is rolled
    back after the module; each test runs in a savepoint inside it (`db`), so what one test
    changes is gone for the next."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(request, page_world, db):
    """The module's page data; `client_for` and `user_for_role` give its people."""
    data, people = page_world
    request.node.stash[RESTORED_PEOPLE] = people
    return copy.deepcopy(data)


@pytest.fixture(scope="session")
def world_server(browser):
    """A live server of its own: pytest-django's `live_server` makes every test that uses it
    transactional (the flush after each test is what the served world saves)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


def _load_migrated_rows() -> None:
    """What a serialized-rollback test loads first: the rows the migrations made."""
    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            connections[alias].creation.deserialize_db_from_string(contents)


def _flush() -> None:
    """What a serialized-rollback test does last: empty every table, and close the connections
    (while Playwright's loop runs the test thread has connections of its own, which would
    otherwise stay open and keep the test database from being dropped)."""
    from django.core.management import call_command

    for alias in connections:
        call_command(
            "flush", verbosity=0, interactive=False, database=alias, inhibit_post_migrate=True
        )
    for connection in connections.all(initialized_only=True):
        connection.close()


@pytest.fixture(scope="module")
def served_world(world_server, django_db_blocker):
    """The world for real-browser tests that only look: written (committed) once per module,
    so the server thread sees it, and emptied after the module as a transactional test
    leaves the database."""
    with django_db_blocker.unblock():
        _load_migrated_rows()
        world_server._live_server_modified_settings.enable()
        try:
            yield _build_world()
        finally:
            world_server._live_server_modified_settings.disable()
            _flush()


SERVED_WORLD_DATABASE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def pytest_collection_modifyitems(config, items):
    """A test on the served world is marked as a transactional, serialized-rollback test, so
    pytest-django creates the test database and keeps the migrated rows for it (even when it is
    the only test run) and orders it with the transactional tests. The served world, not a
    flush per test, then looks after the database (`_django_db_marker` below)."""
    for item in items:
        if "served" in item.fixturenames:
            item.add_marker(SERVED_WORLD_DATABASE)


@pytest.fixture(autouse=True)
def _django_db_marker(request) -> None:
    """pytest-django's own (which sets up a test's `django_db` marker), except on the served
    world, whose tests share one committed world per module."""
    if "served" in request.fixturenames:
        return
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")


@dataclasses.dataclass
class Visit:
    """A Chromium page on the served world, its data, and signing in as one of its people."""

    page: object
    data: object
    sign_in: Callable[[str], object]


class ProblemsOfTheTest:
    """The page's event handlers, passed on to the `PageProblems` of the test running now."""

    def __init__(self) -> None:
        self.current: PageProblems | None = None

    def __getattr__(self, name: str):
        def forward(event) -> None:
            if self.current is not None:
                getattr(self.current, name)(event)

        return forward


@pytest.fixture(scope="module")
def served_tab(served_world, world_server, browser) -> Iterator[tuple[object, ProblemsOfTheTest]]:
    """One Chromium page for the module's tests on the served world. A new context per test
    would cost a renderer process each time, and axe's script compiled afresh in it."""
    context = _new_context(browser, world_server.url)
    page = context.new_page()
    problems = ProblemsOfTheTest()
    page.on("console", problems.on_console)
    page.on("pageerror", problems.on_page_error)
    page.on("requestfailed", problems.on_request_failed)
    page.on("response", problems.on_response)
    yield page, problems
    context.close()


@pytest.fixture
def served(
    request, served_world, served_tab, world_server, page_problems, user_for_role, django_db_blocker
) -> Iterator[Visit]:
    """The module's page, as if new: signed out, at its normal size, on a blank document
    (what a test left in the origin's storage stays: no page here reads it)."""
    data, people = served_world
    request.node.stash[RESTORED_PEOPLE] = people
    page, problems = served_tab
    page.goto("about:blank")
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 800})
    with django_db_blocker.unblock():
        # allauth counts sign-in attempts per IP in the cache; every test signs in from 127.0.0.1.
        cache.clear()

        def sign_in(role: str):
            user = user_for_role(role)
            if user is not None:
                _sign_in_by_cookie(page, user, world_server.url)
            return user

        problems.current = page_problems
        try:
            yield Visit(page, copy.deepcopy(data), sign_in)
        finally:
            problems.current = None
    if page_problems.problems:
        pytest.fail(
            "The browser reported problems:\n  " + "\n  ".join(page_problems.problems),
            pytrace=False,
        )
