"""Production settings: `check --deploy` is clean, and responses carry the security headers
and cookies promised in the README."""

import pytest
from django.core import checks
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.production import HOST, production_settings

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 3600


def deploy_problems() -> list[str]:
    messages = checks.run_checks(include_deployment_checks=True)
    return [f"{m.id}: {m.msg}" for m in messages if not m.is_silenced()]


def test_check_deploy_passes_without_warnings(monkeypatch):
    # The browser tests' Chromium fixture sets this for the session on their worker (Playwright
    # runs an event loop); a deployment never has it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    with production_settings():
        assert deploy_problems() == []


def test_check_deploy_would_catch_an_insecure_cookie():
    """The control: the check above is really run with our settings."""
    with production_settings(SESSION_COOKIE_SECURE=False, SECURE_HSTS_SECONDS=0):
        problems = deploy_problems()
    assert any(p.startswith("security.W012") for p in problems)
    assert any(p.startswith("security.W004") for p in problems)


@pytest.fixture
def https_client():
    # As behind the load balancer, which terminates TLS (SECURE_PROXY_SSL_HEADER).
    return Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")


@pytest.fixture
def verified_representative(representative):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=representative, email=representative.email, verified=True, primary=True
    )
    return representative


def test_sign_in_sets_a_host_prefixed_secure_httponly_lax_session_cookie(
    https_client, verified_representative
):
    with production_settings():
        response = https_client.post(
            reverse("account_login"),
            {"login": verified_representative.email, "password": PASSWORD},
        )
        assert response.status_code == 302
        cookie = response.cookies["__Host-sessionid"]
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        # __Host- cookies must have Path=/ and no Domain, or browsers drop them.
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""
        assert "sessionid" not in response.cookies
        csrf = response.cookies["__Host-csrftoken"]
        assert csrf["secure"] is True and csrf["samesite"] == "Lax"
        # The cookie works: the next page is shown signed in.
        assert https_client.get(reverse("home")).status_code == 200


def test_responses_carry_hsts_referrer_policy_nosniff_and_csp(https_client):
    with production_settings():
        response = https_client.get(reverse("account_login"))
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        f"max-age={ONE_YEAR}; includeSubDomains; preload"
    )
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_plain_http_is_redirected_to_https():
    with production_settings():
        response = Client(HTTP_HOST=HOST).get(reverse("account_login"))
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}{reverse('account_login')}"


def test_session_lifetime_is_two_weeks_as_documented():
    with production_settings():
        from django.conf import settings

        assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
        assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is False


@pytest.mark.parametrize(("remember", "max_age"), [(False, ""), (True, 14 * 24 * 3600)])
def test_session_ends_with_the_browser_unless_remembered(
    https_client, verified_representative, remember, max_age
):
    data = {"login": verified_representative.email, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    with production_settings():
        response = https_client.post(reverse("account_login"), data)
    assert response.cookies["__Host-sessionid"]["max-age"] == max_age
