"""Every response carries X-Request-ID, and every log line of the request carries the same id."""

import io
import logging
import re

import pytest
from django.conf import settings

from config.request_id import RequestIDFilter, current_request_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the django.request logger writes, through the project's filter and format."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIDFilter())
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"]))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_request_id_is_generated_when_none_is_sent(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_request_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a:42.x_y"})
    assert response["X-Request-ID"] == "lb-7f3a:42.x_y"


@pytest.mark.parametrize(
    "sent", ["", "has space", "a" * 129, "semi;colon", "<script>", "åäö", "new\\nline"]
)
def test_insane_request_id_is_replaced(client, sent):
    response = client.get("/healthz", headers={"X-Request-ID": sent})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_log_line_of_a_request_carries_its_id(client, log_lines):
    response = client.get("/finns-inte/", headers={"X-Request-ID": "req-abc-123"})
    assert response.status_code == 404
    # Django logs "Not Found" after the middleware chain has returned: the id must still be there.
    assert "WARNING django.request [req-abc-123] Not Found: /finns-inte/" in log_lines.getvalue()
    assert current_request_id() == "-"  # forgotten once the response is finished


def test_log_lines_of_different_requests_differ(client, log_lines):
    client.get("/finns-inte/")
    client.get("/finns-inte-heller/")
    ids = re.findall(r"\[([0-9a-f]{32})\] Not Found", log_lines.getvalue())
    assert len(ids) == 2
    assert ids[0] != ids[1]


def test_logs_go_to_stdout_with_the_request_id():
    handler = settings.LOGGING["handlers"]["console"]
    assert handler["stream"] == "ext://sys.stdout"
    assert "request_id" in handler["filters"]
    assert "%(request_id)s" in settings.LOGGING["formatters"]["plain"]["format"]
    assert settings.MIDDLEWARE[0] == "config.request_id.RequestIDMiddleware"
