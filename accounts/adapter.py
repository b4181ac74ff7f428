from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from config.redirects import is_same_site_path


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by directors (appointing a representative) and administrators,
        # never by open self-signup.
        return False

    def is_safe_url(self, url: str) -> bool:
        # `next` after signing in or out: a path on this site only (config/redirects.py).
        return bool(url) and is_same_site_path(url, context.request)


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
    """

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def authenticate_by_email(self, sociallogin):
        if _claims(sociallogin).get("xms_edov") is True:
            for address in sociallogin.email_addresses:
                address.verified = True
        return super().authenticate_by_email(sociallogin)
