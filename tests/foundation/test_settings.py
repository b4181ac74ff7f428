"""Settings read the environment and fail loudly, naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "natverk.example.org",
    "SITE_URL": "https://natverk.example.org",
    "EMAIL_URL": "smtp://mail.example.org:25",
    "DEFAULT_FROM_EMAIL": "natverk@example.org",
    "DATABASE_URL": "sqlite:////tmp/hallbarhet-settings-test.sqlite3",
}


def load_settings(**overrides: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env.update(PRODUCTION_ENV)
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_complete_production_environment_starts():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize(
    "name", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_URL", "DEFAULT_FROM_EMAIL"]
)
def test_missing_value_with_debug_off_names_the_variable(name):
    result = load_settings(**{name: None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


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
def test_malformed_value_names_the_variable(name, value):
    result = load_settings(**{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


def test_debug_needs_nothing_else():
    env = dict.fromkeys(PRODUCTION_ENV)
    env["DEBUG"] = "1"
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
