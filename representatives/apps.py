from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentativesConfig(AppConfig):
    name = "representatives"
    verbose_name = _("Representanter")

    def ready(self) -> None:
        # Appointments and roles join the personal data export (accounts/personal_data.py).
        from representatives import account_hooks  # noqa: F401
