from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.urls import reverse

ALLAUTH_MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by directors (appointing a representative) and administrators,
        # never by open self-signup.
        return False

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

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        # allauth's e-mails about changes to one's sign-in (a factor added or removed, a new
        # password): in our words (templates/account/email/base_notification.txt), naming the
        # person and linking the two-step verification page.
        context = {
            **(context or {}),
            "person": user,
            "security_url": settings.SITE_URL.rstrip("/") + reverse("mfa_index"),
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
