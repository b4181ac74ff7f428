"""Settings read the environment and fail loudly, naming the variable.

The settings module is executed afresh in-process with a patched environment (runpy), which
exercises exactly the code that runs at start-up without the cost of a subprocess per case.
"""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "natverk.example.org",
    "SITE_URL": "https://natverk.example.org",
    "EMAIL_URL": "smtp://mail.example.org:25",
    "DEFAULT_FROM_EMAIL": "natverk@example.org",
    "DATABASE_URL": "postgres://natverk@db.example.org:5432/natverk",
}
OPTIONAL = ["CSRF_TRUSTED_ORIGINS", "SESSION_COOKIE_AGE", "SECURE_SSL_REDIRECT"]


@pytest.fixture
def load_settings(monkeypatch):
    def load(**overrides: str | None) -> dict:
        for name in OPTIONAL:
            monkeypatch.delenv(name, raising=False)
        for name, value in {**PRODUCTION_ENV, **overrides}.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return load


def test_complete_production_environment_starts(load_settings):
    values = load_settings()
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["natverk.example.org"]
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["SESSION_COOKIE_NAME"] == "__Host-sessionid"


@pytest.mark.parametrize(
    "name", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_URL", "DEFAULT_FROM_EMAIL"]
)
def test_missing_value_with_debug_off_names_the_variable(load_settings, name):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(**{name: None})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "nosuchdb://somewhere/db"),
        ("SITE_URL", "natverk.example.org"),
        ("CSRF_TRUSTED_ORIGINS", "natverk.example.org"),
        ("EMAIL_URL", "not-a-url"),
        ("SECRET_KEY", "short"),
        ("SESSION_COOKIE_AGE", "two weeks"),
    ],
)
def test_malformed_value_names_the_variable(load_settings, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(**{name: value})


def test_debug_needs_nothing_else(load_settings):
    env = dict.fromkeys(PRODUCTION_ENV)
    env["DEBUG"] = "1"
    values = load_settings(**env)
    assert values["DEBUG"] is True
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
