"""The production configuration, loaded in-process: settings.py executed with a production
environment (as tests/project/test_settings.py does), then applied with override_settings."""

import os
import runpy
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.core.management.utils import get_random_secret_key
from django.test import override_settings

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"
HOST = "natverk.example.org"
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": get_random_secret_key() + get_random_secret_key(),
    "ALLOWED_HOSTS": HOST,
    "SITE_URL": f"https://{HOST}",
    "EMAIL_URL": "smtp://mail.example.org:25",
    "DEFAULT_FROM_EMAIL": "natverk@example.org",
    "DATABASE_URL": "postgres://natverk@db.example.org:5432/natverk",
}
# Kept from the test configuration: the test database, the app registry, and what needs files
# or servers that tests do not have (collected static files, an SMTP server).
KEPT = {"DATABASES", "INSTALLED_APPS", "LOGGING", "STORAGES", "TEMPLATES", "CACHES"}
KEPT_PREFIXES = ("EMAIL_", "WHITENOISE_")


def production_values() -> dict:
    optional = ("CSRF_TRUSTED_ORIGINS", "SESSION_COOKIE_AGE", "SECURE_SSL_REDIRECT")
    environment = {k: v for k, v in os.environ.items() if k not in optional} | PRODUCTION_ENV
    with mock.patch.dict(os.environ, environment, clear=True):
        values = runpy.run_path(str(SETTINGS))
    return {
        name: value
        for name, value in values.items()
        if name.isupper() and name not in KEPT and not name.startswith(KEPT_PREFIXES)
    }


@contextmanager
def production_settings(**changes):
    with override_settings(**{**production_values(), **changes}):
        yield
