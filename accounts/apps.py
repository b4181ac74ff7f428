from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Konton")

    def ready(self) -> None:
        from accounts import audit  # noqa: F401  (connects the audit log's receivers)
