"""Every URL of the project, GET as every role: the authorization matrix (matrix.py) holds,
nothing is written to the database, and every response keeps to the strict CSP.

One sweep checks all three, so each page is fetched once per role (our pages once more as
htmx asks for them, to check their partials) and the suite stays fast."""

import copy
import dataclasses

import pytest
from django.db import transaction
from django.test import Client

from tests.security.matrix import (
    ADMIN_SIGN_IN,
    MATRIX,
    ROLES,
    SET_UP_SECOND_FACTOR,
    SIGN_IN,
    TYPE_A_CODE,
    cases_for,
    second_step_outcome,
)
from tests.security.support import (
    WriteRecorder,
    all_routes,
    changed_tables,
    htmx_config_problems,
    inline_code,
    policy_problems,
    snapshot,
)

pytestmark = pytest.mark.django_db


def test_every_url_has_a_row():
    routes = all_routes()
    missing = [route.key for route in routes if not cases_for(route)]
    assert not missing, (
        "These URL patterns have no row in the authorization matrix. Add one entry per URL "
        "name to MATRIX in tests/security/matrix.py saying who may use it and what the others "
        "get (see the module docstring):\n  " + "\n  ".join(missing)
    )
    known = {route.key for route in routes}
    stale = sorted(set(MATRIX) - known)
    assert not stale, f"MATRIX has rows for URL names that no longer exist: {stale}"


def test_every_row_states_every_role():
    for route in all_routes():
        for case in cases_for(route):
            assert sorted(case.access) == sorted(ROLES), f"{route.key}: roles {case.access}"
            if case.post is not None:
                assert sorted(case.post) == sorted(ROLES), f"{route.key}: POST roles {case.post}"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_matrix_says(client_for, world, role):
    client = client_for(role)
    wrong, writes, csp = [], [], []
    before = snapshot()
    for route in all_routes():
        for case in cases_for(route):
            url = case.url(route.name, world)
            with WriteRecorder() as recorder:
                response = client.get(url)
            writes += [f"GET {url}: {sql}" for sql in recorder.writes]
            csp += [f"{url}: {p}" for p in page_problems(url, response)]
            if is_our_page(url, response):
                # The same page asked by htmx (a partial, where the view has one).
                with WriteRecorder() as recorder:
                    partial = client.get(url, headers={"HX-Request": "true"})
                writes += [f"GET (htmx) {url}: {sql}" for sql in recorder.writes]
                if partial.status_code != 200:
                    wrong.append(f"{route.key} ({url}) via htmx: {partial.status_code}")
                csp += [f"{url} (htmx): {p}" for p in policy_problems(partial)]
                csp += [f"{url} (htmx): {p}" for p in inline_code(partial.content.decode())]
            problem = case.access[role].mismatch(response)
            if problem:
                wrong.append(
                    f"{route.key} ({url}){' – ' + case.note if case.note else ''}: {problem}"
                )
    assert not wrong, f"As {role}:\n  " + "\n  ".join(wrong)
    assert not writes, f"As {role}, GET requests wrote to the database:\n  " + "\n  ".join(writes)
    assert not changed_tables(before, snapshot()), f"As {role}, GET requests changed rows"
    assert not csp, f"As {role}, pages break the CSP rules:\n  " + "\n  ".join(csp)


@pytest.mark.parametrize("role", ROLES)
def test_every_post_answers_each_role_as_the_matrix_says(client_for, world, role):
    """The POST column: each case with `post` is posted as `role`, in a rolled-back
    transaction; a refused POST must not write."""
    client = client_for(role)
    problems = []
    for route in all_routes():
        for case in cases_for(route):
            if case.post is not None:
                problems += post_problems(client, case.url(route.name, world), case, role, world)
    assert not problems, f"As {role}:\n  " + "\n  ".join(problems)


# The coordinator has no second factor in the world; the admin has recovery codes.
PASSWORD_ONLY = [("coordinator", False), ("admin", True)]


@pytest.mark.parametrize(("role", "has_factor"), PASSWORD_ONLY)
def test_password_only_staff_session_is_sent_to_the_second_step_on_every_url(
    password_only_client, world, role, has_factor
):
    """Every URL, reads and downloads included, as a coordinator or administrator whose session
    did not use a second factor: the second step (set one up, or type a code) everywhere but
    the few URLs of SECOND_FACTOR_EXEMPT; a refused POST writes nothing."""
    client = password_only_client(role)
    wrong, writes = [], []
    for route in all_routes():
        for case in cases_for(route):
            url = case.url(route.name, world)
            expected = second_step_outcome(route.name, case.access[role], has_factor=has_factor)
            with WriteRecorder() as recorder:
                response = client.get(url)
            writes += [f"GET {url}: {sql}" for sql in recorder.writes]
            if problem := expected.mismatch(response):
                wrong.append(f"GET {route.key} ({url}): {problem}")
            if case.post is not None:
                post = second_step_outcome(route.name, case.post[role], has_factor=has_factor)
                posted = dataclasses.replace(case, post={**case.post, role: post})
                wrong += post_problems(client, url, posted, role, world)
    assert not wrong, f"As {role} without a second factor:\n  " + "\n  ".join(wrong)
    assert not writes, f"As {role}, GET requests wrote to the database:\n  " + "\n  ".join(writes)


def post_problems(client, url: str, case, role: str, world) -> list[str]:
    """POST as `role` in a copy of the client (cookies such as the language stay put), inside
    a transaction rolled back afterwards, so one case's writes cannot affect the next."""
    poster = Client()
    poster.cookies = copy.deepcopy(client.cookies)
    expected = case.post[role]
    with transaction.atomic(), WriteRecorder() as recorder:
        response = poster.post(url, case.data(world) if case.data else {})
        transaction.set_rollback(True)
    problems = []
    if problem := expected.mismatch(response):
        problems.append(f"POST {url}{' – ' + case.note if case.note else ''}: {problem}")
    refused = expected.status >= 400 or expected in (
        SIGN_IN,
        ADMIN_SIGN_IN,
        SET_UP_SECOND_FACTOR,
        TYPE_A_CODE,
    )
    if refused and recorder.writes:
        problems.append(f"POST {url} was refused but wrote {recorder.writes}")
    return problems


def is_html_page(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def is_our_page(url: str, response) -> bool:
    return is_html_page(response) and not url.startswith(("/admin/", "/konto/"))


def page_problems(url: str, response) -> list[str]:
    """The strict CSP on every response; on every HTML page nothing inline that it would
    block; on pages with our layout (not the admin's) the htmx configuration for it."""
    problems = policy_problems(response)
    if is_html_page(response):
        html = response.content.decode()
        problems += inline_code(html)
        if not url.startswith("/admin/"):
            problems += htmx_config_problems(html)
    return problems


def test_a_url_without_a_row_is_reported():
    from tests.security.support import Route

    unknown = Route(key="proposal_create", name="proposal_create", route="moten/<int:pk>/nytt/")
    assert cases_for(unknown) == []


def test_outcomes_tell_redirects_apart():
    from django.http import HttpResponse, HttpResponseRedirect

    from tests.security.matrix import FORBIDDEN, OK, REDIRECT

    to_sign_in = HttpResponseRedirect("/konto/login/?next=/")
    assert SIGN_IN.mismatch(to_sign_in) is None
    assert REDIRECT.mismatch(to_sign_in) is not None  # a redirect, but to sign-in
    assert OK.mismatch(to_sign_in) is not None
    assert FORBIDDEN.mismatch(HttpResponse(status=404)) == "expected 403, got 404"
