"""Coordinators and administrators need a second factor before they act, when
REQUIRE_MFA_FOR_STAFF_ROLES is on (the production default); everyone else is not made to."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from meetings.models import CalendarToken
from tests.accounts.support import activate_totp, sign_in, totp_code

pytestmark = pytest.mark.django_db

SETUP = reverse("mfa_index")


@pytest.fixture
def mfa_required(settings):
    settings.REQUIRE_MFA_FOR_STAFF_ROLES = True


def new_link(client, **headers):
    return client.post(reverse("calendar_new_link"), {"feed": "personal"}, **headers)


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_staff_role_without_second_factor_cannot_act(mfa_required, client_for, role):
    client = client_for(role)
    response = new_link(client)
    assert response.status_code == 302 and response["Location"] == SETUP
    assert not CalendarToken.objects.exists()
    page = client.get(SETUP)
    assert "behöver du tvåstegsverifiering" in page.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_staff_role_without_second_factor_is_sent_from_coordinator_pages(
    mfa_required, client_for, role, former_representative
):
    client = client_for(role)
    response = client.get(reverse("people_to_deactivate"))
    assert response.status_code == 302 and response["Location"] == SETUP
    response = client.post(
        reverse("person_deactivate", kwargs={"pk": former_representative.pk}), {"confirm": "ja"}
    )
    assert response.status_code == 302 and response["Location"] == SETUP
    former_representative.refresh_from_db()
    assert former_representative.is_active


def test_admin_without_second_factor_is_sent_from_the_admin(mfa_required, client_for):
    response = client_for("admin").get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] == SETUP


def test_htmx_post_gets_a_client_redirect(mfa_required, client_for):
    response = new_link(client_for("coordinator"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == SETUP
    assert not CalendarToken.objects.exists()


def test_staff_role_without_second_factor_still_reads_and_signs_out(mfa_required, client_for):
    client = client_for("coordinator")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("calendar_page")).status_code == 200
    assert client.get(reverse("my_account")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302  # signed out


@pytest.mark.parametrize("role", ["staff", "representative", "substitute", "director"])
def test_other_roles_act_without_second_factor(mfa_required, client_for, role, user_for_role):
    response = new_link(client_for(role))
    assert response.status_code == 200
    assert CalendarToken.objects.active().filter(user=user_for_role(role)).exists()


def test_coordinator_sets_up_totp_then_acts_and_signs_in_with_it(
    mfa_required, client, coordinator, former_representative
):
    sign_in(client, coordinator)
    assert new_link(client)["Location"] == SETUP
    secret = activate_totp(client)
    # allauth makes recovery codes along with the first authenticator.
    assert set(Authenticator.objects.filter(user=coordinator).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }
    assert new_link(client).status_code == 200
    assert client.get(reverse("people_to_deactivate")).status_code == 200
    # Next sign-in asks for the code.
    client.post(reverse("account_logout"))
    response = sign_in(client, coordinator)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_rule_off_lets_staff_roles_act_without_second_factor(settings, client_for):
    settings.REQUIRE_MFA_FOR_STAFF_ROLES = False
    assert new_link(client_for("coordinator")).status_code == 200
    assert client_for("admin").get(reverse("people_to_deactivate")).status_code == 200
    assert client_for("admin").get(reverse("admin:index")).status_code == 200


def test_rule_is_on_in_production_and_off_in_development(load_settings):
    assert load_settings()["REQUIRE_MFA_FOR_STAFF_ROLES"] is True
    assert load_settings(DEBUG="1")["REQUIRE_MFA_FOR_STAFF_ROLES"] is False
    assert load_settings(REQUIRE_MFA_FOR_STAFF_ROLES="0")["REQUIRE_MFA_FOR_STAFF_ROLES"] is False
    assert (
        load_settings(DEBUG="1", REQUIRE_MFA_FOR_STAFF_ROLES="1")["REQUIRE_MFA_FOR_STAFF_ROLES"]
        is True
    )


def test_my_account_page_links_sessions_and_two_factor(client_for):
    response = client_for("coordinator").get(reverse("my_account"))
    content = response.content.decode()
    assert reverse("usersessions_list") in content and reverse("mfa_index") in content
    assert "du behöver den som samordnare eller administratör" in content
    assert reverse("people_to_deactivate") in content


def test_my_account_page_for_a_representative(client_for):
    response = client_for("representative").get(reverse("my_account"))
    content = response.content.decode()
    assert "Rita Representant" in content and reverse("my_data") in content
    assert reverse("people_to_deactivate") not in content
    assert "du behöver den" not in content


def test_sessions_page_lists_and_ends_other_sessions(client, representative):
    from django.contrib.sessions.models import Session
    from django.test import Client

    other = Client()
    sign_in(other, representative)
    sign_in(client, representative)
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    assert response.context["session_count"] == 2
    response = client.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert Session.objects.count() == 1
    assert other.get(reverse("home")).status_code == 302
    assert client.get(reverse("home")).status_code == 200
