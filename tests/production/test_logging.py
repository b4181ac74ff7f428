"""Log lines as the console handler writes them (stdout in production): secrets masked in
every line, whichever logger wrote it, and one line per refused request."""

import datetime
import io
import logging
import types

import pytest
from django.test import Client
from gunicorn.config import Config

from config.gunicorn_logging import MaskingLogger
from config.logging import mask_secrets
from tests import factories

pytestmark = pytest.mark.django_db

CALENDAR = "Kal3nderHemlis_abcdefghijklmnopqrstuvwxyz0123"
INVITATION = "InbjudanHemlis-abcdefghijklmnopqrstuvwxyz0123"
RESET_KEY = "cnq2x4-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c"
CONFIRM_KEY = "MQ:1tXyZq:BekraftaHemlis_abcdefghijklmnop"
SECRETS = [CALENDAR, INVITATION, RESET_KEY.split("-", 1)[1], CONFIRM_KEY]


@pytest.fixture
def console():
    """What the console handler (stdout) writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_secret_urls_are_masked(client, console, neh):
    meeting = factories.make_meeting(neh)
    paths = [
        f"/kalender/{CALENDAR}.ics",
        f"/moten/{meeting.pk}/inbjudan/{INVITATION}/",
        f"/konto/password/reset/key/{RESET_KEY}/",
        f"/konto/confirm-email/{CONFIRM_KEY}/",
    ]
    strict = Client(enforce_csrf_checks=True)
    for path in paths:
        client.get(path)
        strict.post(path, {"x": "1"})  # refused for want of a CSRF token: the audit line
    output = console.getvalue()
    assert "[hemlig]" in output
    for secret in SECRETS:
        assert secret not in output, output


def test_a_traceback_is_masked_too(console):
    try:
        raise ValueError(f"broken at /kalender/{CALENDAR}.ics")
    except ValueError:
        logging.getLogger("meetings.anything").exception(
            "Failed: /moten/1/inbjudan/%s/", INVITATION
        )
    output = console.getvalue()
    assert "Traceback" in output
    assert CALENDAR not in output and INVITATION not in output


def test_a_refused_request_is_one_line(client_for, console, neh):
    """A 403 used to write Django's warning with a twenty-line traceback, plus the audit line."""
    client_for("staff").get("/natverk/neh/kontaktlista/")
    lines = console.getvalue().splitlines()
    refused = [line for line in lines if "kontaktlista" in line]
    assert len(refused) == 1, lines
    assert " audit " in refused[0]
    assert "denied user=" in refused[0] and "reason=permission" in refused[0]
    assert "Traceback" not in console.getvalue()


def test_a_csrf_refusal_is_one_line(console):
    Client(enforce_csrf_checks=True).post("/konto/login/", {"login": "x@example.org"})
    lines = [line for line in console.getvalue().splitlines() if "/konto/login/" in line]
    assert len(lines) == 1, lines
    assert "denied user=- ip=127.0.0.1 method=POST path=/konto/login/ reason=csrf" in lines[0]


def test_other_client_errors_keep_one_line_without_traceback(
    client_for, console, neh, representative
):
    meeting = factories.make_meeting(neh)
    client_for("representative").post(
        f"/moten/{meeting.pk}/svar/", {"answer": "coming", "next": "foo"}
    )
    output = console.getvalue()
    assert "Traceback" not in output
    assert len([line for line in output.splitlines() if "/svar/" in line]) == 1, output


def test_gunicorn_masks_every_atom_and_its_error_log():
    logger = MaskingLogger(Config())
    referer = f"https://natverk.example.org/moten/1/inbjudan/{INVITATION}/"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/konto/password/reset/key/{RESET_KEY}/",
        "PATH_INFO": f"/konto/password/reset/key/{RESET_KEY}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": referer,
    }
    response = types.SimpleNamespace(status="200 OK", sent=10, headers=[], response_length=10)
    request = types.SimpleNamespace(
        headers=[("REFERER", referer)], method="GET", path=environ["PATH_INFO"]
    )
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=3))
    line = " ".join(str(atoms[key]) for key in ("r", "U", "f", "{referer}i"))
    assert RESET_KEY.split("-", 1)[1] not in line and INVITATION not in line
    stream = io.StringIO()
    for handler in logger.error_log.handlers:
        handler.setStream(stream)
    logger.error("Invalid request from %s", f"/kalender/{CALENDAR}.ics")
    assert CALENDAR not in stream.getvalue() and "[hemlig]" in stream.getvalue()


def test_mask_secrets_leaves_ordinary_paths_alone():
    assert mask_secrets("/moten/12/inbjudan/") == "/moten/12/inbjudan/"
    assert mask_secrets("/natverk/neh/") == "/natverk/neh/"
