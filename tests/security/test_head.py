"""HEAD is answered wherever GET is (monitors and link checkers use it): the same status as
GET for a role that may see the page, no body, nothing written."""

import pytest
from django.test import Client

from tests.accounts.support import sign_in_as
from tests.security.matrix import OK, cases_for
from tests.security.support import WriteRecorder, all_routes

pytestmark = pytest.mark.django_db


def test_head_answers_like_get_on_every_url(world, user_for_role):
    clients: dict[str, Client] = {}
    wrong, writes = [], []
    for route in all_routes():
        for case in cases_for(route):
            role = next((r for r, outcome in case.access.items() if outcome == OK), None)
            if role is None:
                continue  # nobody may GET it (a POST-only URL): nothing to compare
            if role not in clients:
                clients[role] = Client()
                user = user_for_role(role)
                if user is not None:
                    sign_in_as(clients[role], user)
            url = case.url(route.name, world)
            with WriteRecorder() as recorder:
                response = clients[role].head(url)
            writes += [f"HEAD {url}: {sql}" for sql in recorder.writes]
            # Reading a streamed body closes the response the way the test client expects; an
            # explicit close() would fire request_finished again and drop the test's connection.
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if response.status_code != 200 or body:
                wrong.append(f"{route.key} ({url}) as {role}: {response.status_code}")
    assert not wrong, "HEAD is not answered like GET:\n  " + "\n  ".join(wrong)
    assert not writes, "HEAD requests wrote to the database:\n  " + "\n  ".join(writes)


def test_healthz_answers_head(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"] == "text/plain"


def test_no_view_refuses_head_where_it_takes_get():
    """`require_GET` (GET only) and `require_http_methods` lists with GET but without HEAD
    would bring the 405 back for new views."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for app in ("accounts", "networks", "representatives", "meetings", "config"):
        for path in (root / app).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"\brequire_GET\b", text):
                offenders.append(f"{path.relative_to(root)}: require_GET (use require_safe)")
            for methods in re.findall(r"require_http_methods\(\[([^\]]*)\]\)", text):
                if '"GET"' in methods and '"HEAD"' not in methods:
                    offenders.append(f"{path.relative_to(root)}: [{methods}] without HEAD")
    assert not offenders, offenders
