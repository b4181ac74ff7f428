"""Two-step verification for the people who see and change everything in a network.

The rule (docs/accounts.md, "Two-step verification"), when `REQUIRE_MFA_FOR_STAFF_ROLES` is on
(default: on when DEBUG is off): a person with a staff role (an administrator: superuser or
`is_staff`; or a coordinator of any network) needs a session that used a second factor for
every request, reads and downloads included, to every URL but the few in `EXEMPT_URL_NAMES`
(signing in and out, the steps to the second factor, pages anyone may open without signing
in) and, while the account has no factor yet, the set-up pages in `SETUP_URL_NAMES`.

"A session that used a second factor" is read from the session's own authentication record
(allauth keeps one per session, see `used_second_factor`), never from whether the account has
a factor: a session signed in with the password only stays refused after a factor is added
elsewhere. It counts when the session signed in or re-authenticated with an authenticator app
or a recovery code, set up its first factor itself (it has just typed a code from the app), or
signed in through single sign-on whose identity provider says it did multi-factor
authentication (the ID token's `amr` claim holds "mfa", as Microsoft Entra ID's Conditional
Access sets it).

A session that did not is sent, with a Swedish message, to type a code (`mfa_reauthenticate`,
back to the page afterwards) or, without a factor, to set one up (`mfa_index`). One middleware
applies it to every view, so a new view cannot forget it.
"""

from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import signals as mfa_signals
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage
from django.conf import settings
from django.contrib import messages
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

# The authentication record of a single sign-on whose provider did multi-factor authentication.
PROVIDER_MFA_METHOD = "provider_mfa"
# The `amr` value (RFC 8176) that says the identity provider asked for more than one factor.
AMR_MFA = "mfa"

# URL names a staff session without a second factor may use.
EXEMPT_URL_NAMES = frozenset(
    {
        # Signing in and out, and the pages of signing in that anyone may open.
        "account_login",
        "account_logout",
        "account_inactive",
        "account_signup",
        "account_confirm_login_code",
        "account_email_verification_sent",
        "account_confirm_email",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "openid_connect_login",
        "openid_connect_callback",
        "socialaccount_login_cancelled",
        "socialaccount_login_error",
        "socialaccount_signup",
        # The second step itself: a code at sign-in, or later (re-authentication).
        "mfa_authenticate",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        # Pages that need no sign-in: the language switch, the health check, the
        # accessibility statement, and the two opened by their own secret (the calendar feed,
        # a colleague's invitation).
        "set_language",
        "healthz",
        "accessibility_statement",
        "calendar_feed",
        "invitation_meeting",
    }
)
# Setting up a first factor: open to a staff session only while the account has none.
SETUP_URL_NAMES = frozenset({"mfa_index", "mfa_activate_totp"})
SETUP_URL_NAME = "mfa_index"
SECOND_STEP_URL_NAME = "mfa_reauthenticate"
SAFE_METHODS = ("GET", "HEAD")


def has_staff_role(user) -> bool:
    """Administrators and coordinators of any network (asked once per request)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_has_staff_role", None)
    if cached is None:
        cached = user.is_superuser or user.is_staff or user.coordinated_networks.exists()
        user._has_staff_role = cached
    return cached


def has_factor(user) -> bool:
    """Whether the account has a second factor (an authenticator app, recovery codes)."""
    return get_mfa_adapter().is_mfa_enabled(user)


def used_second_factor(request: HttpRequest) -> bool:
    """Whether this session signed in (or re-authenticated) with a second factor: read from
    the session's authentication record, which allauth keeps per session and per user."""
    return any(
        record.get("method") in ("mfa", PROVIDER_MFA_METHOD)
        for record in get_authentication_records(request, request.user)
    )


def needs_second_factor(request: HttpRequest) -> bool:
    """The rule, for the signed-in person of `request` (the URL aside). The session is read
    first: a session that used a second factor costs no query."""
    return (
        getattr(settings, "REQUIRE_MFA_FOR_STAFF_ROLES", False)
        and not used_second_factor(request)
        and has_staff_role(request.user)
    )


def _url_name(request: HttpRequest) -> str:
    match = request.resolver_match
    return (match.view_name if match else "") or ""


def _back_to(request: HttpRequest) -> str | None:
    """Where to come back after the second step: the page asked for; for a form sent or an
    htmx request, the page it was sent from (when it is ours)."""
    if request.method in SAFE_METHODS and not getattr(request, "htmx", False):
        return request.get_full_path()
    source = request.headers.get("HX-Current-URL") or request.headers.get("Referer") or ""
    if url_has_allowed_host_and_scheme(
        source, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return source
    return None


def second_step(request: HttpRequest) -> HttpResponse:
    """Send a staff session without a second factor to type a code, or to set one up."""
    if has_factor(request.user):
        messages.info(
            request,
            _(
                "Som samordnare eller administratör behöver du logga in med tvåstegsverifiering. "
                "Ange en kod från din autentiseringsapp för att fortsätta."
            ),
        )
        url = reverse(SECOND_STEP_URL_NAME)
        back = _back_to(request)
        if back:
            url += "?" + urlencode({"next": back})
    else:
        messages.warning(
            request,
            _(
                "Som samordnare eller administratör behöver du tvåstegsverifiering för att se "
                "och ändra nätverkens uppgifter. Lägg till en autentiseringsapp: välj "
                "”Aktivera” under Autentiseringsapp och skanna koden med appen i din telefon."
            ),
        )
        url = reverse(SETUP_URL_NAME)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


class RequireStaffMFAMiddleware:
    """Applies the rule to every view (module docstring). Place after AuthenticationMiddleware
    and allauth's AccountMiddleware."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        name = _url_name(request)
        if name in EXEMPT_URL_NAMES:
            return None
        if not needs_second_factor(request):
            return None
        if name in SETUP_URL_NAMES and not has_factor(request.user):
            return None
        return second_step(request)


class AuthenticateStage(AllauthAuthenticateStage):
    """allauth's two-factor step of signing in, except after a single sign-on whose identity
    provider did multi-factor authentication itself: that is recorded in the session as a
    second factor, and nobody is asked for an app code on top of it."""

    def handle(self):
        amr = provider_amr(self.login)
        if AMR_MFA in amr:
            record_authentication(
                self.request,
                self.login.user,
                PROVIDER_MFA_METHOD,
                amr=amr,
                provider=_provider(self.login),
            )
            return None, True
        return super().handle()


def _sociallogin(login):
    return (login.signal_kwargs or {}).get("sociallogin")


def _provider(login) -> str | None:
    sociallogin = _sociallogin(login)
    return sociallogin.account.provider if sociallogin is not None else None


def provider_amr(login) -> list[str]:
    """The `amr` claim of the ID token of a single sign-on (empty for any other sign-in)."""
    sociallogin = _sociallogin(login)
    if sociallogin is None:
        return []
    data = sociallogin.account.extra_data or {}
    for claims in (data.get("id_token"), data.get("userinfo")):
        if isinstance(claims, dict) and isinstance(claims.get("amr"), list):
            return [str(value) for value in claims["amr"]]
    return []


@receiver(mfa_signals.authenticator_added, dispatch_uid="mfa_enrolment_counts")
def _enrolled(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up an authenticator app means typing a code from it: the session that did so
    has used it (so it is not asked for a code again right away). Only that session: a
    factor added elsewhere changes nothing for a session signed in with the password only.
    Recovery codes are made along with the app and prove nothing by themselves."""
    if authenticator.type == Authenticator.Type.RECOVERY_CODES or request is None:
        return
    record_authentication(
        request, user, "mfa", id=authenticator.pk, type=authenticator.type, enrolled=True
    )
