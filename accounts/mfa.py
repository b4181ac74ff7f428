"""Two-factor authentication for the people who can change things for everyone.

Coordinators (of any network) and administrators must have a second factor (allauth's MFA:
an authenticator app, recovery codes) before they can act, when the setting
`REQUIRE_MFA_FOR_STAFF_ROLES` is on (default: on when DEBUG is off). Until then:

- any request that is not GET/HEAD/OPTIONS, anywhere but the account pages (sign-out, the
  two-factor set-up itself, the language switch), and every page of the Django admin,
  sends them to the two-factor page (`RequireStaffMFAMiddleware`);
- coordinator pages also refuse plain GETs: decorate them with `@staff_mfa_required`.

Everybody else may set up two-factor too, but is not made to.
"""

from collections.abc import Callable
from functools import wraps

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# URL names (prefixes) a person without a second factor can always use: signing in and out,
# setting up the factor, the language switch, the health check.
EXEMPT_URL_NAME_PREFIXES = ("account_", "mfa_", "usersessions_", "set_language", "healthz")
SETUP_URL_NAME = "mfa_index"


def has_staff_role(user) -> bool:
    """Administrators and coordinators of any network (asked once per request)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_has_staff_role", None)
    if cached is None:
        cached = user.is_superuser or user.is_staff or user.coordinated_networks.exists()
        user._has_staff_role = cached
    return cached


def needs_mfa_setup(user) -> bool:
    """True when the rule applies to the user and they have no second factor yet."""
    return (
        getattr(settings, "REQUIRE_MFA_FOR_STAFF_ROLES", False)
        and has_staff_role(user)
        and not get_mfa_adapter().is_mfa_enabled(user)
    )


def _to_setup(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _(
            "Som samordnare eller administratör behöver du tvåstegsverifiering innan du kan "
            "göra ändringar. Lägg till en autentiseringsapp här."
        ),
    )
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(redirect(SETUP_URL_NAME).url)
    return redirect(SETUP_URL_NAME)


def staff_mfa_required(view: Callable) -> Callable:
    """For coordinator pages: a coordinator or administrator without a second factor is sent
    to set one up, even for a GET. Put it below `@login_required`."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if needs_mfa_setup(request.user):
            return _to_setup(request)
        return view(request, *args, **kwargs)

    return wrapper


class RequireStaffMFAMiddleware:
    """Sends coordinators and administrators without a second factor to set one up before any
    change (non-GET) and before any page of the admin. Place after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not getattr(settings, "REQUIRE_MFA_FOR_STAFF_ROLES", False):
            return None
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        name = (match.view_name if match else "") or ""
        in_admin = match is not None and match.namespace == "admin"
        if name.startswith(EXEMPT_URL_NAME_PREFIXES) or name in ("admin:logout",):
            return None
        if request.method in SAFE_METHODS and not in_admin:
            return None
        if needs_mfa_setup(request.user):
            return _to_setup(request)
        return None
