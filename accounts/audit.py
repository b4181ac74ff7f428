"""The audit log of sign-in: who signed in, who failed, two-factor changes, calendar link
resets and refused requests, written to the logger `audit`, one line per event.

Never a secret: no passwords, codes, tokens, session keys or calendar links; a failed
sign-in names the account by id when the address belongs to one (`user=-` otherwise), never
the text that was typed (people type passwords into the address field). Signals are used here
because this is logging of what allauth and Django do, not business logic.

Lines look like `sign_in user=12 ip=10.0.0.5 method=password`. They go to stdout with the
request id (config/settings.py, LOGGING); keep them as long as the retention in README says.
"""

import logging

from allauth.account.signals import authentication_step_completed
from allauth.mfa.signals import (
    authentication_failed,
    authenticator_added,
    authenticator_removed,
    authenticator_reset,
)
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from config import proxy
from config.logging import mask_secrets

audit = logging.getLogger("audit")


def client_ip(request) -> str:
    # Behind a trusted proxy, the client's address rather than the proxy's (config/proxy.py).
    return (proxy.client_ip(request) or "-") if request is not None else "-"


def _user_id(user) -> str:
    return str(user.pk) if user is not None and getattr(user, "pk", None) else "-"


def log(event: str, *, user=None, request=None, **fields: object) -> None:
    """One audit line. `fields` must never hold a secret."""
    extra = "".join(f" {key}={value}" for key, value in fields.items())
    audit.info("%s user=%s ip=%s%s", event, _user_id(user), client_ip(request), extra)


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def _signed_in(sender, request, user, **kwargs) -> None:
    log("sign_in", user=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def _signed_out(sender, request, user, **kwargs) -> None:
    log("sign_out", user=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; we still log no typed text.
    address = str(credentials.get("email") or credentials.get("username") or "").strip()
    user = get_user_model().objects.filter(email__iexact=address).first() if address else None
    log("sign_in_failed", user=user, request=request)


@receiver(authentication_step_completed, dispatch_uid="audit_step")
def _step_completed(sender, request, user, method, **kwargs) -> None:
    log("sign_in_step", user=user, request=request, method=method)


@receiver(authenticator_added, dispatch_uid="audit_mfa_added")
def _mfa_added(sender, request, user, authenticator, **kwargs) -> None:
    log("mfa_added", user=user, request=request, type=authenticator.type)


@receiver(authenticator_removed, dispatch_uid="audit_mfa_removed")
def _mfa_removed(sender, request, user, authenticator, **kwargs) -> None:
    log("mfa_removed", user=user, request=request, type=authenticator.type)


@receiver(authenticator_reset, dispatch_uid="audit_mfa_reset")
def _mfa_reset(sender, request, user, authenticator, **kwargs) -> None:
    log("mfa_reset", user=user, request=request, type=authenticator.type)


@receiver(authentication_failed, dispatch_uid="audit_mfa_failed")
def _mfa_failed(sender, request, user, **kwargs) -> None:
    log("mfa_failed", user=user, request=request)


class DeniedRequestsMiddleware:
    """Logs every refused request (403: a PermissionDenied, a CSRF failure, a refused admin
    sign-in) in one line with the person, method, path (secrets masked: a POST without a
    CSRF token to a feed URL is refused with 403) and why (permission, csrf, other)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            log(
                "denied",
                user=user if user is not None and user.is_authenticated else None,
                request=request,
                method=request.method,
                path=mask_secrets(request.path),
                reason=getattr(request, "refused_because", "other"),
            )
        return response

    def process_exception(self, request, exception):
        # This is the only line for the refusal (config/logging.py drops Django's traceback).
        if isinstance(exception, PermissionDenied):
            request.refused_because = "permission"
