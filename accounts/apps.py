from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Konton")

    def ready(self) -> None:
        # Receivers of allauth's and Django's signals: the audit log, and the session that
        # sets up an authenticator app counting as having used it (accounts/mfa.py).
        from accounts import audit, mfa  # noqa: F401
