"""Goal steering (målstyrning): goals per work area, their indicators and
the indicators' yearly values.

A goal belongs to one work area and so to that area's network. Its action plan is the
governance loop's `ActionItem`s that point at it (`ActionItem.goal`). The calculations (latest
value, progress, on/off track) live in `meetings/goals/figures.py`; these models only hold the data.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.history import History
from networks.models import WorkArea
from networks.versions import version_field
from representatives.models import Administration

# The years a goal, a baseline or a value may name. A value's year must also be at most ten
# years after its goal's target year (checked in the form, which knows the goal).
FIRST_YEAR = 1990
LAST_YEAR = 2100
YEARS_AFTER_TARGET = 10


def year_validators() -> list:
    message = _("Ange ett år mellan 1990 och 2100.")
    return [MinValueValidator(FIRST_YEAR, message), MaxValueValidator(LAST_YEAR, message)]


class Goal(models.Model):
    """A goal (mål) of a network's work area, e.g. a carbon-neutral organisation by 2030."""

    work_area = models.ForeignKey(
        WorkArea, on_delete=models.PROTECT, related_name="goals", verbose_name=_("arbetsområde")
    )
    title = models.CharField(_("mål"), max_length=200)
    description = models.TextField(_("beskrivning"), max_length=5000, blank=True)
    target_year = models.PositiveSmallIntegerField(_("målår"), validators=year_validators())
    # Optimistic locking of the edit form (networks/versions.py).
    version = version_field()
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    history = History()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["work_area__position", "work_area_id", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gte=FIRST_YEAR, target_year__lte=LAST_YEAR),
                name="goal_target_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goal_detail", kwargs={"pk": self.pk})

    @property
    def network(self):
        return self.work_area.network


class Indicator(models.Model):
    """A measure of a goal: a unit, a baseline, a target value and which way is better."""

    class Direction(models.TextChoices):
        LOWER = "lower", _("Lägre är bättre")
        HIGHER = "higher", _("Högre är bättre")

    # PROTECT: a goal is never deleted with its indicators (public records).
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("mål")
    )
    name = models.CharField(_("indikator"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=50)
    baseline_year = models.PositiveSmallIntegerField(_("basår"), validators=year_validators())
    baseline_value = models.DecimalField(_("värde basåret"), max_digits=14, decimal_places=3)
    target_value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=3)
    direction = models.CharField(
        _("riktning"), max_length=10, choices=Direction.choices, default=Direction.LOWER
    )
    responsible_administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("ansvarig förvaltning"),
    )
    version = version_field()
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    history = History()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["goal", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_year__gte=FIRST_YEAR, baseline_year__lte=LAST_YEAR),
                name="indicator_baseline_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def lower_is_better(self) -> bool:
        return self.direction == self.Direction.LOWER


class IndicatorValue(models.Model):
    """An indicator's value for one year, with where it comes from and who entered it."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indikator")
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=year_validators())
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=3)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    comment = models.TextField(_("kommentar"), max_length=2000, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerat av"),
    )
    entered_at = models.DateTimeField(_("registrerat"), default=timezone.now)

    # A corrected value replaces the year's row; the history keeps what it said before.
    history = History()

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="one_value_per_indicator_and_year",
                violation_error_message=_("Indikatorn har redan ett värde för året."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="indicator_value_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.year}: {self.value}"
