from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from networks.history import History
from networks.versions import version_field


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
    theme_lead_days = models.PositiveSmallIntegerField(
        _("framförhållning för tema (dagar)"),
        default=21,
        validators=[MaxValueValidator(365)],
        help_text=_("Så många dagar före mötet ska temat vara publicerat."),
    )
    organizer_email = models.EmailField(
        _("nätverkets e-postadress"),
        blank=True,
        help_text=_("Står som organisatör i kalenderinbjudningar."),
    )
    proposal_close_days = models.PositiveSmallIntegerField(
        _("förslag stänger (dagar före mötet)"),
        default=7,
        validators=[MaxValueValidator(90)],
        help_text=_("Så många dagar före mötet slutar representanterna kunna föreslå punkter."),
    )
    # Reminders (meetings/reminders/): how many days ahead each one is sent.
    reminder_answer_days = models.PositiveSmallIntegerField(
        _("påminnelse om svar (dagar före mötet)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Så många dagar före mötet påminns den som inte har svarat på inbjudan."),
    )
    reminder_proposal_days = models.PositiveSmallIntegerField(
        _("påminnelse om förslag (dagar före stängning)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Så många dagar innan förslagen till dagordningen stänger påminns representanterna."
        ),
    )
    reminder_action_days = models.PositiveSmallIntegerField(
        _("påminnelse om åtgärder (dagar före sista dag)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Så många dagar före en åtgärds sista dag påminns de ansvariga."),
    )
    reminder_consultation_days = models.PositiveSmallIntegerField(
        _("påminnelse om remissvar (dagar före sista dag)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Så många dagar före remissens sista svarsdag påminns förvaltningar som inte "
            "har svarat."
        ),
    )
    reminder_report_back_days = models.PositiveSmallIntegerField(
        _("påminnelse om återrapport (dagar efter mötet)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Så många dagar efter mötet påminns förvaltningar som inte har markerat "
            "återrapporten som presenterad."
        ),
    )
    # Optimistic locking of the settings' edit form (networks/versions.py).
    version = version_field()

    objects = NetworkQuerySet.as_manager()
    history = History()

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
    # Optimistic locking of the edit form (networks/versions.py).
    version = version_field()

    objects = WorkAreaQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("arbetsområde")
        verbose_name_plural = _("arbetsområden")
        ordering = ["network", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.network.get_absolute_url() + f"#work-area-{self.pk}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Submission(models.Model):
    """A create form's one-time token, remembered with where its first submission led, so a
    repeated or parallel submit returns that result instead of a duplicate
    (networks/submissions.py). Not a record: kept for a while, then deleted (retention)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    token = models.UUIDField(_("engångskod"))
    url = models.CharField(_("resultat"), max_length=500)
    created_at = models.DateTimeField(_("skickat"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("skickat formulär")
        verbose_name_plural = _("skickade formulär")
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="one_submission_per_token"),
        ]

    def __str__(self) -> str:
        return f"{self.token} → {self.url}"
