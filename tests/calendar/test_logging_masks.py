"""The feed secret never reaches a log: gunicorn's access log, Django's request lines."""

import datetime
import io
import logging
import types

import pytest
from django.test import Client
from gunicorn.config import Config

from config.gunicorn_logging import MaskingLogger
from config.logging import mask_secrets


def test_gunicorn_access_log_masks_feed_secret():
    logger = MaskingLogger(Config())
    secret = "p6W3n2XrG0u9b8v7c6d5e4f3g2h1i0jk"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/kalender/{secret}.ics",
        "PATH_INFO": f"/kalender/{secret}.ics",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = types.SimpleNamespace(status="200 OK", sent=10, headers=[], response_length=10)
    request = types.SimpleNamespace(headers=[], method="GET", path=environ["PATH_INFO"])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=3))
    line = logger.cfg.access_log_format % atoms
    assert secret not in line
    assert "/kalender/[hemlig].ics" in atoms["r"]


FEED_SECRET = "Kal3nderHemlis_abcdefghijklmnopqrstuvwxyz0123"


@pytest.fixture
def console():
    """What the console handler (stdout) writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/kalender/{FEED_SECRET}",  # the .ics left off: 404, and Django logs the path
        f"/kalender/{FEED_SECRET}/",
        f"/kalender/{FEED_SECRET}.ICS",
        f"/kalender/{FEED_SECRET}.ics/",
        f"/kalender/{FEED_SECRET}.ics",
    ],
)
def test_a_feed_secret_is_masked_however_the_url_is_mistyped(client, console, path):
    client.get(path)
    Client(enforce_csrf_checks=True).post(path, {"x": "1"})  # CSRF refusal or 404
    output = console.getvalue()
    assert "/kalender/[hemlig]" in output
    assert FEED_SECRET not in output, output


def test_the_calendar_pages_own_steps_are_not_masked():
    assert mask_secrets("POST /kalender/ny-lank/ 200") == "POST /kalender/ny-lank/ 200"
    assert mask_secrets("/kalender/leverans/") == "/kalender/leverans/"
