"""Two-step verification for coordinators and administrators (accounts/mfa.py): with
REQUIRE_MFA_FOR_STAFF_ROLES on (the production default), every page and download they ask for
needs a session that used a second factor; everyone else is not made to. The whole URL space
is swept in tests/security/test_authorization.py."""

from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.mfa import AuthenticateStage, provider_amr
from meetings.models import CalendarToken
from tests.accounts.support import (
    activate_totp,
    record_second_factor,
    sign_in,
    totp_code,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SETUP = reverse("mfa_index")
SECOND_STEP = reverse("mfa_reauthenticate")

# Coordinator pages that only read, one of each kind the finding named: contact list and its
# CSV, reports, evaluation results, planned meetings, questions, history, deactivation prompt.
READS = [
    reverse("network_contacts", kwargs={"code": "neh"}),
    reverse("network_contacts_csv", kwargs={"code": "neh"}),
    reverse("coordination_dashboard", kwargs={"code": "neh"}),
    reverse("participation_report", kwargs={"code": "neh"}),
    reverse("report_attendance_csv", kwargs={"code": "neh"}),
    reverse("evaluation_term", kwargs={"code": "neh"}),
    reverse("question_list"),
    reverse("people_to_deactivate"),
    reverse("home"),
    reverse("my_account"),
]


@pytest.fixture
def mfa_required(settings):
    settings.REQUIRE_MFA_FOR_STAFF_ROLES = True


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = False


def new_link(client, **headers):
    return client.post(reverse("calendar_new_link"), {"feed": "personal"}, **headers)


def fresh_code(secret: str) -> str:
    """A code allauth has not seen used yet (it refuses a code twice within its period)."""
    cache.clear()
    return totp_code(secret)


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_password_only_staff_session_is_sent_to_set_up_even_to_read(
    mfa_required, password_only_client, role, neh
):
    client = password_only_client(role)
    for url in READS:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, SETUP), url
    page = client.get(SETUP)
    content = page.content.decode()
    assert "behöver du tvåstegsverifiering för att se och ändra" in content
    assert reverse("mfa_activate_totp") in content


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_password_only_staff_session_cannot_act(mfa_required, password_only_client, role):
    response = new_link(password_only_client(role))
    assert response.status_code == 302 and response["Location"] == SETUP
    assert not CalendarToken.objects.exists()


def test_password_only_admin_is_sent_from_the_admin(mfa_required, password_only_client):
    response = password_only_client("admin").get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] == SETUP


def test_htmx_requests_get_a_client_redirect(mfa_required, password_only_client):
    client = password_only_client("coordinator")
    response = new_link(client, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == SETUP
    assert not CalendarToken.objects.exists()
    response = client.get(READS[0], HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == SETUP


def test_password_only_staff_session_can_sign_out_and_switch_language(
    mfa_required, password_only_client
):
    client = password_only_client("coordinator")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("accessibility_statement")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("account_login"))  # signed out


ADMIN_READS = [reverse("home"), reverse("people_to_deactivate"), reverse("admin:index")]


@pytest.mark.parametrize(("role", "urls"), [("coordinator", READS), ("admin", ADMIN_READS)])
def test_staff_session_that_used_a_second_factor_reads_and_acts(
    mfa_required, client_for, role, urls
):
    client = client_for(role)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert new_link(client).status_code == 200
    assert CalendarToken.objects.exists()


@pytest.mark.parametrize("role", ["staff", "representative", "substitute", "director"])
def test_other_roles_need_no_second_factor(mfa_required, password_only_client, role, user_for_role):
    client = password_only_client(role)
    assert client.get(reverse("home")).status_code == 200
    assert new_link(client).status_code == 200
    assert CalendarToken.objects.active().filter(user=user_for_role(role)).exists()


# allauth sends its e-mails when the transaction commits, inside the request: these tests run
# with real transactions, as a request does (serialized_rollback keeps the networks the data
# migrations made).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_sets_up_an_app_is_told_by_mail_and_signs_in_with_it(
    mfa_required, client, coordinator
):
    sign_in(client, coordinator)
    assert client.get(reverse("coordination_dashboard", kwargs={"code": "neh"}))["Location"] == (
        SETUP
    )
    # Setting up needs the password again (allauth's re-authentication) ...
    response = client.get(reverse("mfa_activate_totp"))
    assert urlsplit(response["Location"]).path == reverse("account_reauthenticate")
    secret = activate_totp(client)
    # ... makes recovery codes along with the app ...
    assert set(Authenticator.objects.filter(user=coordinator).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }
    # ... and tells the person, in Swedish.
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "en autentiseringsapp har lagts till" in message.subject
    assert "Hej Sam Samordnare!" in message.body
    assert "En autentiseringsapp för tvåstegsverifiering har lagts till" in message.body
    assert "Var det inte du?" in message.body and "http://127.0.0.1:8000/konto/2fa/" in message.body
    # The session that typed a code from the app while setting it up has used it.
    assert client.get(reverse("coordination_dashboard", kwargs={"code": "neh"})).status_code == 200
    assert new_link(client).status_code == 200
    # The next sign-in asks for a code, and then everything is open.
    client.post(reverse("account_logout"))
    response = sign_in(client, coordinator)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("mfa_authenticate"), {"code": fresh_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("people_to_deactivate")).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_password_only_session_stays_refused_after_a_factor_is_added_elsewhere(
    mfa_required, coordinator
):
    first, second = Client(), Client()
    sign_in(first, coordinator)
    sign_in(second, coordinator)
    secret = activate_totp(second)
    contacts = reverse("network_contacts", kwargs={"code": "neh"})
    assert second.get(contacts).status_code == 200
    # The first session signed in with the password only: the account's new factor does not
    # make it a two-factor session. It is sent to type a code, and back to the page after.
    response = first.get(contacts)
    assert response.status_code == 302
    assert response["Location"] == f"{SECOND_STEP}?next={contacts.replace('/', '%2F')}"
    assert (
        "Ange en kod från din autentiseringsapp" in first.get(response["Location"]).content.decode()
    )
    response = new_link(first)
    assert urlsplit(response["Location"]).path == SECOND_STEP
    assert not CalendarToken.objects.exists()
    # Nor can it use its password to re-authenticate and then remove the factor or see the
    # recovery codes: with a factor, re-authentication asks for the factor.
    response = first.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert urlsplit(response["Location"]).path == SECOND_STEP
    for name in ("mfa_index", "mfa_deactivate_totp", "mfa_view_recovery_codes"):
        response = first.get(reverse(name))
        assert urlsplit(response["Location"]).path == SECOND_STEP, name
    response = first.post(reverse("mfa_deactivate_totp"))
    assert urlsplit(response["Location"]).path == SECOND_STEP
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    # With a code from the app, the same session goes on to the page it asked for.
    response = first.post(
        f"{SECOND_STEP}?next={contacts}", {"code": fresh_code(secret)}, follow=False
    )
    assert response.status_code == 302 and response["Location"] == contacts
    assert first.get(contacts).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_removing_the_app_needs_a_code_and_tells_the_person(mfa_required, client, coordinator):
    sign_in(client, coordinator)
    secret = activate_totp(client)
    mail.outbox.clear()
    # Re-authentication within allauth's five minutes: the set-up's password step still
    # counts; after it, allauth asks again, and only the app's code will do.
    cache.clear()
    session = client.session
    records = session["account_authentication_methods"]
    for record in records:
        record["at"] -= 3600
    session["account_authentication_methods"] = records
    session.save()
    response = client.post(reverse("mfa_deactivate_totp"))
    assert urlsplit(response["Location"]).path == SECOND_STEP
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    client.post(SECOND_STEP, {"code": fresh_code(secret)})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=coordinator).exists()
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "en autentiseringsapp har tagits bort" in message.subject
    assert "har tagits bort från ditt konto" in message.body


def test_recovery_codes_count_as_a_second_factor(mfa_required, client, coordinator):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(coordinator)
    Authenticator.objects.create(user=coordinator, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
    first = Client()
    sign_in(first, coordinator)  # with the password; the code step follows
    response = first.post(reverse("mfa_authenticate"), {"code": codes.generate_codes()[0]})
    assert response.status_code == 302
    assert first.get(reverse("network_contacts", kwargs={"code": "neh"})).status_code == 200


def test_rule_off_lets_staff_roles_in_without_a_second_factor(settings, password_only_client):
    settings.REQUIRE_MFA_FOR_STAFF_ROLES = False
    client = password_only_client("coordinator")
    assert new_link(client).status_code == 200
    assert client.get(READS[0]).status_code == 200
    admin = password_only_client("admin")
    assert admin.get(reverse("people_to_deactivate")).status_code == 200
    assert admin.get(reverse("admin:index")).status_code == 200


def test_rule_is_on_in_production_and_off_in_development(load_settings):
    assert load_settings()["REQUIRE_MFA_FOR_STAFF_ROLES"] is True
    assert load_settings(DEBUG="1")["REQUIRE_MFA_FOR_STAFF_ROLES"] is False
    assert load_settings(REQUIRE_MFA_FOR_STAFF_ROLES="0")["REQUIRE_MFA_FOR_STAFF_ROLES"] is False
    assert (
        load_settings(DEBUG="1", REQUIRE_MFA_FOR_STAFF_ROLES="1")["REQUIRE_MFA_FOR_STAFF_ROLES"]
        is True
    )


# Single sign-on: the identity provider's word on multi-factor authentication (`amr`). The
# whole sign-in, against a real OpenID Connect provider, is in tests/browser/test_sso.py.


class FakeSocialLogin:
    def __init__(self, extra_data):
        self.account = type("Account", (), {"extra_data": extra_data, "provider": "entra"})()


class FakeLogin:
    def __init__(self, user, sociallogin=None):
        self.user = user
        self.signal_kwargs = {"sociallogin": sociallogin} if sociallogin else None
        self.state = {}


def test_provider_amr_is_read_from_the_id_token():
    login = FakeLogin(None, FakeSocialLogin({"id_token": {"amr": ["pwd", "mfa"]}}))
    assert provider_amr(login) == ["pwd", "mfa"]
    assert provider_amr(FakeLogin(None, FakeSocialLogin({"id_token": {"sub": "x"}}))) == []
    assert provider_amr(FakeLogin(None)) == []


@pytest.mark.parametrize(("amr", "two_factor"), [(["pwd", "mfa"], True), (["pwd"], False)])
def test_sso_sign_in_counts_as_two_factor_when_the_provider_did_mfa(
    mfa_required, rf, coordinator, amr, two_factor
):
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.mfa import used_second_factor

    Authenticator.objects.create(user=coordinator, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
    request = rf.get("/")
    request.session = SessionStore()
    login = FakeLogin(coordinator, FakeSocialLogin({"id_token": {"amr": amr}}))
    controller = type("Controller", (), {"state": {}})()
    response, go_on = AuthenticateStage(controller, request, login).handle()
    request.user = coordinator
    assert go_on
    # With the provider's MFA nobody is asked for the app's code on top of it; without it,
    # allauth's code step follows.
    assert (response is None) is two_factor
    assert used_second_factor(request) is two_factor


def test_a_recorded_provider_mfa_lets_a_coordinator_in(mfa_required, client, coordinator):
    client.force_login(coordinator)
    record_second_factor(client, coordinator, method="provider_mfa", amr=["pwd", "mfa"])
    assert client.get(reverse("network_contacts", kwargs={"code": "neh"})).status_code == 200


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
