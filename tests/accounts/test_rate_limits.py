"""Sign-in rate limits: per account and per address, in the shared cache, with the address
taken from a trusted proxy's header only when one is configured."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from config.proxy import client_ip
from tests import factories

pytestmark = pytest.mark.django_db
LOCKED = "För många misslyckade inloggningar för det här kontot. Försök igen om 5 minuter."


def sign_in(client, email, password, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def test_the_cache_is_shared_by_all_processes(settings):
    # The database cache by default; LocMem (one per process) let each worker count alone.
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    cache.set("shared", "yes")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_cache")
        assert cursor.fetchone()[0] >= 1


def test_a_locked_account_is_told_how_long(client, caplog):
    factories.make_user("anna@example.org")
    for _ in range(5):
        response = sign_in(client, "anna@example.org", "fel")
        assert "lösenordet är felaktigt" in response.content.decode()
    caplog.clear()
    response = sign_in(client, "anna@example.org", factories.PASSWORD)
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The password was not even checked, and the audit log says why.
    assert "sign_in_failed" not in caplog.text
    assert "sign_in_limited user=- ip=127.0.0.1 limit=key wait=" in caplog.text


def test_the_account_is_counted_however_the_address_is_typed(client):
    factories.make_user("anna@example.org")
    for typed in ["anna@example.org", "ANNA@example.org", " Anna@Example.org ", "anna@EXAMPLE.org"]:
        sign_in(client, typed, "fel")
    sign_in(client, "anna@example.org", "fel", HTTP_HOST="localhost")
    response = sign_in(client, "anna@example.org", factories.PASSWORD)
    assert LOCKED in response.content.decode()


def test_other_accounts_are_unaffected(client):
    """30 wrong passwords for one account from one address: another account signs in from
    the same address (before, the attempts used up the address's limit too)."""
    factories.make_user("anna@example.org")
    factories.make_user("bertil@example.org")
    for _ in range(30):
        sign_in(client, "anna@example.org", "fel")
    response = sign_in(client, "bertil@example.org", factories.PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_an_address_that_tries_many_accounts_is_limited(client, settings):
    factories.make_user("bertil@example.org")
    for number in range(20):
        sign_in(client, f"person{number}@example.org", "fel")
    response = sign_in(client, "bertil@example.org", factories.PASSWORD)
    assert "från din anslutning. Försök igen om 1 minut." in response.content.decode()
    # Someone at another address is not affected.
    response = sign_in(client, "bertil@example.org", factories.PASSWORD, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, settings):
    """Every request comes from the load balancer (REMOTE_ADDR); with TRUSTED_PROXY_COUNT=1
    the client is the address the balancer appended to X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 1
    factories.make_user("bertil@example.org")
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(20):
        sign_in(
            client,
            f"person{number}@example.org",
            "fel",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **balancer,
        )
    attacker = sign_in(
        client,
        "bertil@example.org",
        factories.PASSWORD,
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7",  # a forged hop on the left changes nothing
        **balancer,
    )
    assert "från din anslutning" in attacker.content.decode()
    colleague = sign_in(
        client,
        "bertil@example.org",
        factories.PASSWORD,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **balancer,
    )
    assert colleague.status_code == 302


def request_with(**meta):
    return RequestFactory().get("/", **meta)


def test_forwarded_headers_are_ignored_by_default(settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert not settings.TRUSTED_CLIENT_IP_HEADER
    request = request_with(HTTP_X_FORWARDED_FOR="6.6.6.6", HTTP_X_REAL_IP="6.6.6.6")
    assert client_ip(request) == "127.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.3", "198.51.100.7"),
        (2, "198.51.100.7", "127.0.0.1"),  # fewer hops than proxies: not through them
        (1, "not-an-address", "127.0.0.1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "", "127.0.0.1"),
    ],
)
def test_client_address_behind_counted_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request_with(HTTP_X_FORWARDED_FOR=forwarded)) == expected


def test_client_address_from_a_trusted_header(settings):
    settings.TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(request_with(HTTP_X_REAL_IP="198.51.100.7")) == "198.51.100.7"
    assert client_ip(request_with(HTTP_X_REAL_IP="garbage")) == "127.0.0.1"
    assert client_ip(request_with(HTTP_X_FORWARDED_FOR="6.6.6.6")) == "127.0.0.1"


def test_too_many_sign_in_posts_get_a_swedish_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    for _ in range(2):
        sign_in(client, "anna@example.org", "fel")
    response = sign_in(client, "anna@example.org", "fel")
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
