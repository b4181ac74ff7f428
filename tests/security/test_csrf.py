"""Every endpoint refuses an unsafe request without a CSRF token, signed in or not.

htmx sends the token from `hx-headers` on <body> (templates/base.html); plain forms carry
`{% csrf_token %}`. A view that must accept cross-site posts (none today) goes into
CSRF_EXEMPT with the reason, and the test then expects it to answer instead.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.matrix import cases_for
from tests.security.support import (
    WriteRecorder,
    all_routes,
    changed_tables,
    policy_problems,
    snapshot,
)

pytestmark = pytest.mark.django_db

CSRF_EXEMPT: dict[str, str] = {}
CSRF_FAILURE_PAGE = "Formuläret har gått ut"


@pytest.mark.parametrize("role", ["anonymous", "admin"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unsafe_request_without_token_is_refused_everywhere(world, user_for_role, role, method):
    client = Client(enforce_csrf_checks=True)
    user = user_for_role(role)
    if user is not None:
        client.force_login(user)
    accepted, writes = [], []
    before = snapshot()
    for route in all_routes():
        if route.key in CSRF_EXEMPT:
            continue
        url = cases_for(route)[0].url(route.name, world)
        with WriteRecorder() as recorder:
            response = getattr(client, method)(url, {"anything": "1"})
        writes += [f"{url}: {sql}" for sql in recorder.writes]
        if response.status_code != 403 or CSRF_FAILURE_PAGE not in response.content.decode():
            accepted.append(f"{route.key} ({url}): {response.status_code}")
        assert not policy_problems(response), url
    assert not writes, "Refused requests wrote to the database:\n  " + "\n  ".join(writes)
    assert not changed_tables(before, snapshot())
    assert not accepted, (
        f"{method.upper()} without a CSRF token was not refused:\n  " + "\n  ".join(accepted)
    )


def test_the_same_post_with_a_token_gets_through(representative):
    """The control: the refusal above is the missing token, not something else."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("account_login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = client.post(
        reverse("account_login"),
        {"login": representative.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(representative.pk)


def test_body_sends_the_token_to_htmx(client_for):
    content = client_for("staff").get(reverse("home")).content.decode()
    token = re.search(r'<body hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'>', content)
    assert token and len(token[1]) == 64


@pytest.mark.django_db
def test_write_recorder_sees_writes_but_not_session_saves(client, staff):
    from django.contrib.auth.models import Group

    from tests.security.support import WriteRecorder

    with WriteRecorder() as recorder:
        client.force_login(staff)  # saves a session (not counted) and updates last_login
        Group.objects.create(name="Ny")
    assert len(recorder.writes) == 2
    assert "accounts_user" in recorder.writes[0] and "auth_group" in recorder.writes[1]
