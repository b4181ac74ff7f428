"""Signing in the way a person does (through the forms), and TOTP codes for tests."""

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


def totp_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def verified(user) -> None:
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def sign_in(client: Client, user, password: str = PASSWORD):
    verified(user)
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def activate_totp(client: Client) -> str:
    """Set up an authenticator app for the signed-in person, confirming the password first as
    allauth asks. Returns the TOTP secret."""
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200, response
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response
    return secret


def record_second_factor(client: Client, user, method: str = "mfa", **extra) -> None:
    """Make the client's (signed-in) session one that used a second factor, as allauth records
    it when a code is typed at sign-in (accounts/mfa.py reads this record)."""
    from allauth.account.internal.flows.login import record_authentication
    from django.test import RequestFactory

    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    record_authentication(request, user, method, **(extra or {"type": "totp"}))
    session.save()


def sign_in_as(client: Client, user) -> Client:
    """`force_login`, and for a coordinator or administrator a session that used a second
    factor, as they need one for every page (accounts/mfa.py)."""
    client.force_login(user)
    if user.is_superuser or user.is_staff or user.coordinated_networks.exists():
        record_second_factor(client, user)
    return client
