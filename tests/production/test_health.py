"""GET /healthz: 200 "ok" when the database answers, 503 when it does not; no sign-in."""

import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db
SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"


def test_healthz_answers_ok_without_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie for a probe


def test_healthz_is_503_when_the_database_is_broken(client, caplog):
    broken = mock.MagicMock()
    broken.cursor.side_effect = OperationalError("connection refused")
    with mock.patch("config.health.connection", broken):
        response = client.get("/healthz", headers={"X-Request-ID": "probe-1"})
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert "Health check: the database does not answer" in caplog.text


def test_healthz_refuses_post(client):
    response = client.post("/healthz")
    assert response.status_code == 405


def test_healthz_is_exempt_from_the_https_redirect(client, settings, monkeypatch):
    for name, value in {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "https://natverk.example.org",
        "EMAIL_URL": "smtp://mail.example.org:25",
        "DEFAULT_FROM_EMAIL": "natverk@example.org",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    production = runpy.run_path(str(SETTINGS))
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"]
    settings.SECURE_REDIRECT_EXEMPT = production["SECURE_REDIRECT_EXEMPT"]

    assert client.get("/healthz").status_code == 200
    redirected = client.get("/")
    assert redirected.status_code == 301
    assert redirected["Location"] == "https://testserver/"
