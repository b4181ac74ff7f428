"""Reading settings from the environment, failing loudly.

Every helper names the variable in its error, so a broken deployment says what to fix
instead of starting with a silently wrong value.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_str(name: str, *, required: bool, default: str = "") -> str:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
    return default


def env_list(name: str, *, required: bool, default: list[str] | None = None) -> list[str]:
    raw = env_str(name, required=required)
    if not raw:
        return list(default or [])
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_http_url(name: str, *, required: bool, default: str = "") -> str:
    """An absolute http(s) URL without a trailing slash, such as SITE_URL."""
    value = env_str(name, required=required, default=default)
    check_http_url(name, value)
    return value.rstrip("/")


def check_http_url(name: str, value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"{name} must be an absolute http(s) URL; got {value!r}.")


def env_imap_url(name: str) -> str:
    """An optional imap:// or imaps:// URL (a mailbox the app reads), checked when set."""
    value = env_str(name, required=False)
    parts = urlsplit(value)
    if value and (parts.scheme not in {"imap", "imaps"} or not parts.hostname):
        raise ImproperlyConfigured(
            f"{name} must be imap://user:password@host:port/FOLDER or imaps://…; "
            f"got a {parts.scheme or 'schemeless'} URL."
        )
    return value


def env_imap_urls(prefix: str) -> dict[str, str]:
    """Every `<prefix><CODE>` variable that is set, by its upper-case code."""
    return {
        name[len(prefix) :].upper(): env_imap_url(name)
        for name in sorted(os.environ)
        if name.startswith(prefix) and len(name) > len(prefix) and os.environ[name].strip()
    }


def env_database(name: str, default: str) -> dj_database_url.DBConfig:
    url = os.environ.get(name, "").strip() or default
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # the library raises several kinds for a bad URL
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {url!r}.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Python keeps a connection's last 128 compiled statements by default; the app's
        # pages together run several hundred distinct ones (most compiled once, with fixed
        # text: config/prepared.py), so with 128 a page whose statements another page pushed
        # out compiles them again in SQLite (the start page: about 1.3 ms of its 9).
        config.setdefault("OPTIONS", {}).setdefault("cached_statements", SQLITE_STATEMENTS)
    return config


SQLITE_STATEMENTS = 2048


def env_email(name: str, *, required: bool, default: str) -> dict:
    url = env_str(name, required=required, default=default)
    try:
        config = dj_email_url.parse(url)
    except Exception as exc:
        raise ImproperlyConfigured(f"{name} is not a valid e-mail URL: {exc}") from None
    if not config.get("EMAIL_BACKEND"):
        raise ImproperlyConfigured(f"{name} is not a valid e-mail URL: {url!r}.")
    return config


DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


def env_cache(name: str, default: str) -> dict:
    """The cache from a URL: `db://` (a table in the database, `django_cache` unless named,
    e.g. `db://my_cache`), `redis://host:port/0` or `rediss://…` (Django's RedisCache), or
    `locmem://` (one process only: each gunicorn worker would count rate limits on its own)."""
    url = os.environ.get(name, "").strip() or default
    parts = urlsplit(url)
    if parts.scheme == "db":
        table = (parts.netloc + parts.path).strip("/") or "django_cache"
        if not table.replace("_", "").isalnum():
            raise ImproperlyConfigured(f"{name}: {table!r} is not a table name.")
        # Rate limits live here too: a low MAX_ENTRIES would let a flood of other keys cull
        # an account's count of failed sign-ins (Django's default is 300).
        return {"BACKEND": DATABASE_CACHE, "LOCATION": table, "OPTIONS": {"MAX_ENTRIES": 100_000}}
    if parts.scheme in {"redis", "rediss"}:
        if not parts.hostname:
            raise ImproperlyConfigured(f"{name} needs a host: {url!r}.")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(
        f"{name} must start with db://, redis://, rediss:// or locmem://; got {url!r}."
    )
