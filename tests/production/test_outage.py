"""A database outage answers 503 with Retry-After and a Swedish page that shows the request id;
any other server error the 500 page, with the request id too.

The outage is simulated where a real one shows: every query raises OperationalError (as when
PostgreSQL is down or restarting), from the first one on, in the middleware's session load."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

# Transactional: the error handler closes the broken connection, as after a real outage, and
# the next test must get a fresh one rather than a closed one inside its atomic block.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def outage(error=OperationalError):
    return mock.patch.object(
        connection, "ensure_connection", side_effect=error("server closed the connection")
    )


@pytest.mark.parametrize("signed_in", [True, False])
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_outage_is_a_503(staff, signed_in, error):
    client = Client(raise_request_exception=False)
    if signed_in:
        client.force_login(staff)
    # Anonymous: a calendar feed, looked up in the database without a session.
    path = "/" if signed_in else f"/kalender/{'S' * 43}.ics"
    with outage(error):
        response = client.get(path, headers={"X-Request-ID": "req-outage-1"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "tillfälligt otillgänglig" in page
    assert "req-outage-1" in page
    assert response["X-Request-ID"] == "req-outage-1"


def test_a_post_during_an_outage_is_a_503_too(staff):
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    with outage():
        response = client.post("/konto/kalender/", {"feed": "NEH"})
    assert response.status_code == 503
    assert "Ingenting av det du just gjorde har sparats" in response.content.decode()


def test_other_errors_are_a_500_with_the_request_id():
    client = Client(raise_request_exception=False)
    with mock.patch("config.views.render", side_effect=RuntimeError("oops")):
        response = client.get("/tillganglighet/", headers={"X-Request-ID": "req-500-1"})
    assert response.status_code == 500
    page = response.content.decode()
    assert "Något gick fel" in page
    assert "req-500-1" in page
    assert "Retry-After" not in response
