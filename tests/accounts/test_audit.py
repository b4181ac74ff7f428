"""Sign-ins, failures, two-factor changes, calendar link resets and refusals are logged to the
`audit` logger, without secrets."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.accounts.support import activate_totp, sign_in, totp_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger="audit")

    def lines() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "audit"]

    return lines


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = False


def test_successful_sign_in_is_logged_without_the_password(client, representative, audit_log):
    response = sign_in(client, representative)
    assert response.status_code == 302
    lines = audit_log()
    assert f"sign_in_step user={representative.pk} ip=127.0.0.1 method=password" in lines
    assert f"sign_in user={representative.pk} ip=127.0.0.1" in lines
    assert not any(PASSWORD in line for line in lines)


def test_failed_sign_in_names_the_account_but_not_what_was_typed(client, representative, audit_log):
    sign_in(client, representative, password="fel-losenord-hemligt")
    client.post(
        reverse("account_login"), {"login": "okand@example.org", "password": "hemligt-igen"}
    )
    lines = audit_log()
    assert f"sign_in_failed user={representative.pk} ip=127.0.0.1" in lines
    assert "sign_in_failed user=- ip=127.0.0.1" in lines
    text = "\n".join(lines)
    assert "fel-losenord-hemligt" not in text and "hemligt-igen" not in text
    assert "okand@example.org" not in text and representative.email not in text


def test_sign_out_is_logged(client, representative, audit_log):
    client.force_login(representative)
    client.post(reverse("account_logout"))
    assert f"sign_out user={representative.pk} ip=127.0.0.1" in audit_log()


# allauth signals (and e-mails) on commit, inside the request: real transactions, as a request
# has (serialized_rollback keeps the networks of the data migrations).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_factor_set_up_use_and_removal_are_logged(client, coordinator, audit_log):
    sign_in(client, coordinator)
    secret = activate_totp(client)
    lines = audit_log()
    assert f"mfa_added user={coordinator.pk} ip=127.0.0.1 type=totp" in lines
    assert not any(secret in line for line in lines)
    # A wrong code at sign-in is logged, the right one completes it.
    client.post(reverse("account_logout"))
    sign_in(client, coordinator)
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    code = totp_code(secret)
    client.post(reverse("mfa_authenticate"), {"code": code})
    lines = audit_log()
    assert f"mfa_failed user={coordinator.pk} ip=127.0.0.1" in lines
    assert f"sign_in_step user={coordinator.pk} ip=127.0.0.1 method=mfa" in lines
    assert not any(code in line for line in lines)
    # Removing it needs a fresh confirmation with the factor itself (not the password).
    cache.clear()  # allauth refuses a code used once already
    client.post(reverse("mfa_reauthenticate"), {"code": totp_code(secret)})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert f"mfa_removed user={coordinator.pk} ip=127.0.0.1 type=totp" in audit_log()


def test_calendar_link_reset_is_logged_without_the_link(client_for, staff, audit_log):
    response = client_for("staff").post(reverse("calendar_new_link"), {"feed": "personal"})
    secret_url = response.context["feeds"][0]["url"]
    secret = secret_url.rsplit("/", 1)[1].removesuffix(".ics")
    lines = audit_log()
    assert f"calendar_link_reset user={staff.pk} ip=127.0.0.1 feed=personal" in lines
    assert not any(secret in line for line in lines)


def test_refused_request_is_logged(client_for, staff, audit_log):
    client_for("staff").get(reverse("people_to_deactivate"))
    assert (
        f"denied user={staff.pk} ip=127.0.0.1 method=GET path=/personer/utan-uppdrag/"
        " reason=permission" in audit_log()
    )


def test_refused_post_to_a_feed_url_masks_the_secret(audit_log):
    client = Client(enforce_csrf_checks=True)
    secret = "A" * 43
    response = client.post(f"/kalender/{secret}.ics")
    assert response.status_code == 403
    lines = audit_log()
    assert "denied user=- ip=127.0.0.1 method=POST path=/kalender/[hemlig].ics reason=csrf" in lines
    assert not any(secret in line for line in lines)
