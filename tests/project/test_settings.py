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
OPTIONAL = [
    "CSRF_TRUSTED_ORIGINS",
    "SESSION_COOKIE_AGE",
    "SECURE_SSL_REDIRECT",
    "CACHE_URL",
    "TRUSTED_PROXY_COUNT",
    "TRUSTED_CLIENT_IP_HEADER",
]


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
        ("CACHE_URL", "memcached://cache:11211"),
        ("CACHE_URL", "redis://"),
        ("CACHE_URL", "db://cache; DROP TABLE x"),
        ("TRUSTED_PROXY_COUNT", "one"),
        ("TRUSTED_PROXY_COUNT", "-1"),
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


def test_the_cache_is_shared_by_default(load_settings):
    """Rate limits count in the cache: one table for every process unless CACHE_URL says
    otherwise (the per-process LocMem let each gunicorn worker count on its own)."""
    cache = load_settings()["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache["LOCATION"] == "django_cache"
    assert cache["OPTIONS"]["MAX_ENTRIES"] >= 100_000


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("db://rate_cache", "django.core.cache.backends.db.DatabaseCache", "rate_cache"),
        ("redis://cache:6379/1", "django.core.cache.backends.redis.RedisCache", None),
        ("rediss://:pw@cache:6380/0", "django.core.cache.backends.redis.RedisCache", None),
    ],
)
def test_cache_url(load_settings, url, backend, location):
    cache = load_settings(CACHE_URL=url)["CACHES"]["default"]
    assert cache["BACKEND"] == backend
    assert cache["LOCATION"] == (location or url)


def test_trusted_proxy_is_off_by_default_and_one_kind_at_a_time(load_settings):
    values = load_settings()
    assert values["TRUSTED_PROXY_COUNT"] == 0
    assert values["TRUSTED_CLIENT_IP_HEADER"] == ""
    assert load_settings(TRUSTED_PROXY_COUNT="1")["TRUSTED_PROXY_COUNT"] == 1
    with pytest.raises(ImproperlyConfigured, match="not both"):
        load_settings(TRUSTED_PROXY_COUNT="1", TRUSTED_CLIENT_IP_HEADER="X-Real-IP")


def test_an_sqlite_connection_keeps_the_apps_compiled_statements(load_settings):
    """Python keeps 128 compiled statements per SQLite connection unless told; the app's pages
    run several hundred, so SQLite would compile a page's statements again and again."""
    from config.env import SQLITE_STATEMENTS

    sqlite = load_settings(DATABASE_URL="sqlite:////tmp/natverk.sqlite3")["DATABASES"]["default"]
    assert sqlite["OPTIONS"]["cached_statements"] == SQLITE_STATEMENTS >= 1024
    postgres = load_settings()["DATABASES"]["default"]
    assert "cached_statements" not in postgres.get("OPTIONS", {})


@pytest.mark.django_db
def test_the_test_database_connects_with_the_statement_cache():
    from django.db import connection

    from config.env import SQLITE_STATEMENTS

    if connection.vendor != "sqlite":
        pytest.skip("an SQLite setting")
    assert connection.get_connection_params()["cached_statements"] == SQLITE_STATEMENTS
