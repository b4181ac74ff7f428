from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import audit, mail
from accounts.sign_in_limits import full_limit, locked_message
from config.mail import absolute_url, single_line
from config.proxy import client_ip
from config.redirects import is_same_site_path

ALLAUTH_MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by directors (appointing a representative) and administrators,
        # never by open self-signup.
        return False

    def is_safe_url(self, url: str) -> bool:
        # `next` after signing in or out: a path on this site only (config/redirects.py).
        return bool(url) and is_same_site_path(url, context.request)

    def format_email_subject(self, subject: str) -> str:
        # allauth's e-mails (password reset, address confirmation) on one line too.
        return single_line(super().format_email_subject(subject))

    def get_client_ip(self, request) -> str:
        # The address behind a trusted proxy, if one is configured (config/proxy.py).
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # Failed sign-ins count per account: the address as typed, normalised. allauth adds
        # the request's host, which would give each name in ALLOWED_HOSTS its own count.
        login = credentials.get("email") or credentials.get("username") or ""
        return "sign-in:" + str(login).strip().lower()

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            key = self._get_login_attempts_cache_key(request, **credentials)
            limit = full_limit(request, key)
            audit.log(
                "sign_in_limited",
                request=request,
                limit=limit[0] if limit else "busy",
                wait=limit[1] if limit else "-",
            )
            if limit is None:  # the counter was busy: allauth's own message
                raise
            raise forms.ValidationError(
                locked_message(*limit), code="too_many_login_attempts"
            ) from None

    def get_login_stages(self) -> list[str]:
        # allauth's two-factor step, except after a single sign-on that did multi-factor
        # authentication at the identity provider (accounts/mfa.py).
        return [
            "accounts.mfa.AuthenticateStage" if path == ALLAUTH_MFA_STAGE else path
            for path in super().get_login_stages()
        ]

    def get_reauthentication_methods(self, user) -> list[dict]:
        # Someone with a second factor confirms it is them with that factor, never with the
        # password alone: otherwise a session signed in with a stolen password could remove
        # the owner's factor or add its own after a "re-authentication".
        methods = super().get_reauthentication_methods(user)
        with_factor = [m for m in methods if m["id"].startswith("mfa_reauthenticate")]
        return with_factor or methods

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Rendered here, in the request, as allauth does; then handed to the registered sender
        # (the meetings app's outbox: delivered by the worker, retried) instead of sent at once.
        request = self.request
        rendering = {"request": request, "email": email, "current_site": get_current_site(request)}
        rendering.update(context)
        mail.send(self.render_mail(template_prefix, email, rendering), template_prefix)

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        # allauth's e-mails about changes to one's sign-in (a factor added or removed, a new
        # password): in our words (templates/account/email/base_notification.txt), naming the
        # person and linking the two-step verification page.
        context = {
            **(context or {}),
            "person": user,
            "security_url": absolute_url(reverse("mfa_index")),
        }
        super().send_notification_mail(template_prefix, user, context, email)


def _claims(sociallogin) -> dict:
    data = sociallogin.account.extra_data or {}
    return data.get("userinfo") or data.get("id_token") or data


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on (Microsoft Entra ID, or any OpenID Connect provider; README "Accounts").

    - An account is found by the provider's subject (`sub`) once linked: allauth's default.
    - The first SSO sign-in of someone who has an account links it only when the provider
      vouches for the address: `email_verified: true`, or Entra ID's `xms_edov: true` (the
      optional claim "email domain owner verified"). An unverified address links nothing.
    - Nobody gets an account by signing in: no sign-up through SSO, ever.
    - Whether the provider did multi-factor authentication (the `amr` claim) is read at the
      two-factor step of signing in (accounts/mfa.py).
    """

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def authenticate_by_email(self, sociallogin):
        if _claims(sociallogin).get("xms_edov") is True:
            for address in sociallogin.email_addresses:
                address.verified = True
        return super().authenticate_by_email(sociallogin)
