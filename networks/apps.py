from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Nätverk")

    def ready(self) -> None:
        # The forms' one-time tokens join the retention run (accounts/retention.py).
        from networks import submissions  # noqa: F401
