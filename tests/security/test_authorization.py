"""The authorization matrix (matrix.py) holds for every URL of the project and every role, and
no GET changes anything in the database."""

import pytest

from tests.security.matrix import MATRIX, ROLES, cases_for
from tests.security.support import all_routes, changed_tables, snapshot

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


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_matrix_says(client_for, world, role):
    client = client_for(role)
    wrong, writes = [], []
    for route in all_routes():
        for case in cases_for(route):
            url = case.url(route.name, world)
            before = snapshot()
            response = client.get(url)
            changed = changed_tables(before, snapshot())
            if changed:
                writes.append(f"GET {url} changed {changed}")
            problem = case.access[role].mismatch(response)
            if problem:
                wrong.append(
                    f"{route.key} ({url}){' – ' + case.note if case.note else ''}: {problem}"
                )
    assert not wrong, f"As {role}:\n  " + "\n  ".join(wrong)
    assert not writes, f"As {role}, GET requests changed the database:\n  " + "\n  ".join(writes)
