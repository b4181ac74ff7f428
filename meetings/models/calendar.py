"""The secrets of personal calendar feeds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import Network


class CalendarTokenQuerySet(models.QuerySet["CalendarToken"]):
    def active(self) -> "CalendarTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class CalendarToken(models.Model):
    """The secret in a calendar feed URL. Only its SHA-256 is stored: a database dump reveals no
    working URL, and the secret is shown once, when it is made."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personlig kalender")
        NETWORK = "network", _("Nätverkets kalender")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_tokens",
        verbose_name=_("nätverk"),
    )
    token_hash = models.CharField(_("hash av hemligheten"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("kalenderlänk")
        verbose_name_plural = _("kalenderlänkar")
        ordering = ["user", "kind", "network"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="personal", network__isnull=True)
                | Q(kind="network", network__isnull=False),
                name="calendar_token_network_iff_network_kind",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(kind="personal", revoked_at__isnull=True),
                name="one_active_personal_calendar_token",
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(kind="network", revoked_at__isnull=True),
                name="one_active_network_calendar_token",
            ),
        ]

    def __str__(self) -> str:
        feed = self.network.code if self.network_id else self.get_kind_display()  # type: ignore[union-attr]
        return f"{self.user} – {feed}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
