import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from networks.history import History
from networks.models import Network
from networks.versions import version_field


class AdministrationQuerySet(models.QuerySet["Administration"]):
    def active(self) -> "AdministrationQuerySet":
        return self.filter(is_active=True)


class Administration(models.Model):
    """An administration (förvaltning) of the municipality, led by its director.

    Never deleted: a reorganisation deactivates it, or merges it into another one
    (`merged_into`), and its seats, questions and actions keep pointing at it, so what it did
    stays readable under its own name (representatives/administrations.py)."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=40, unique=True)
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directed_administrations",
        verbose_name=_("förvaltningsdirektör"),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("sammanslagen med"),
    )
    # Optimistic locking of the rename form (networks/versions.py).
    version = version_field()

    objects = AdministrationQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("förvaltning")
        verbose_name_plural = _("förvaltningar")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(is_active=False),
                name="merged_administration_inactive",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")),
                name="administration_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def current(self, today: datetime.date | None = None) -> "AppointmentQuerySet":
        """In force today (or on `today`): started, and not ended (an end date is the first day
        without it; an appointment made to start later ends its predecessor on its start date)."""
        today = today or timezone.localdate()
        return self.filter(start_date__lte=today).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=today)
        )

    def upcoming(self, today: datetime.date | None = None) -> "AppointmentQuerySet":
        """Appointed to start on a later day (than `today`, by default the local day)."""
        return self.filter(start_date__gt=today or timezone.localdate())

    def for_person(self, user) -> "AppointmentQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(person=user)


class Appointment(models.Model):
    """A person's appointment (uppdrag) for an administration in one network.

    History is kept: replacing a representative ends the old appointment, it is never deleted.
    An appointment is current from its start date until its end date; a director may appoint
    someone from a later day (the seat shows "från 1 januari: …"), and the holder until then
    keeps the seat with that day as its end date. At most one appointment per seat is open
    (no end date): the latest.
    """

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representant")
        SUBSTITUTE = "substitute", _("Ersättare")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("person"),
    )
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("förvaltning"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("nätverk")
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utsedd av"),
    )
    mandate_confirmed_at = models.DateTimeField(_("mandat bekräftat"), null=True, blank=True)
    mandate_scope = models.TextField(_("mandatets omfattning"), max_length=2000, blank=True)
    start_date = models.DateField(_("från"), default=datetime.date.today)
    end_date = models.DateField(_("till"), null=True, blank=True)

    objects = AppointmentQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = pgettext_lazy("plural", "uppdrag")
        ordering = ["network", "administration", "role", "-start_date"]
        constraints = [
            # At most one current representative and one current substitute per seat.
            models.UniqueConstraint(
                fields=["administration", "network", "role"],
                condition=Q(end_date__isnull=True),
                name="one_current_appointment_per_role",
                violation_error_message=_(
                    "Förvaltningen har redan en aktuell person i den rollen i nätverket."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="appointment_ends_after_start",
                violation_error_message=_("Uppdraget kan inte sluta innan det börjar."),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "end_date"]),
            # A network's seats on a day or in a term, read from the index alone (the
            # participation report, the seat counts on the start page), and an
            # administration's seat in a network. The administration before the dates: SQLite,
            # with no statistics, would otherwise pick this index over the administration's
            # for "does the administration hold a seat" and read the network's every seat.
            models.Index(
                fields=["network", "administration", "start_date", "end_date", "person"],
                name="appointment_network_dates",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.person} – {self.get_role_display()}, {self.administration}, {self.network.code}"
        )

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date > today)

    @property
    def is_upcoming(self) -> bool:
        return self.start_date > timezone.localdate()

    def end(self, when: datetime.date | None = None) -> None:
        self.end_date = when or timezone.localdate()
        self.save(update_fields=["end_date"])
