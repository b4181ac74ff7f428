from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class NetworkQuerySet(models.QuerySet["Network"]):
    def coordinated_by(self, user) -> "NetworkQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user)


class Network(models.Model):
    """One of the sustainability unit's networks: NSH (social) or NEH (ecological)."""

    code = models.CharField(
        _("kod"),
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,10}$", _("Koden ska vara 2–10 versaler."))],
    )
    name = models.CharField(_("namn"), max_length=200)
    purpose = models.TextField(_("syfte"), blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("samordnare"),
        related_name="coordinated_networks",
        blank=True,
    )
    default_meeting_minutes = models.PositiveSmallIntegerField(
        _("standardlängd för möten (minuter)"),
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    target_meetings_min = models.PositiveSmallIntegerField(
        _("minst antal möten per termin"), default=3
    )
    target_meetings_max = models.PositiveSmallIntegerField(
        _("högst antal möten per termin"), default=4
    )
    organizer_email = models.EmailField(
        _("nätverkets e-postadress"),
        blank=True,
        help_text=_("Står som organisatör i kalenderinbjudningar."),
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("nätverk")
        verbose_name_plural = _("nätverk")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_meetings_min__lte=models.F("target_meetings_max")),
                name="network_target_min_lte_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("network_detail", kwargs={"code": self.code.lower()})


class WorkAreaQuerySet(models.QuerySet["WorkArea"]):
    def active(self) -> "WorkAreaQuerySet":
        return self.filter(archived_at__isnull=True)


class WorkArea(models.Model):
    """A work area (arbetsområde) of one network. Archived areas stay on old meetings."""

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="work_areas", verbose_name=_("nätverk")
    )
    name = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    archived_at = models.DateTimeField(_("arkiverat"), null=True, blank=True)

    objects = WorkAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("arbetsområde")
        verbose_name_plural = _("arbetsområden")
        ordering = ["network", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
