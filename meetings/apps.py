from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Möten")

    def ready(self) -> None:
        # What meetings holds for a person joins the account's lifecycle (accounts/lifecycle.py,
        # which cannot import us): calendar links end with the account.
        from meetings import account_hooks  # noqa: F401
