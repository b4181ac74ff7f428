"""Theme wishes (temaförslag): what the administrations want the networks to take up.

A representative or substitute suggests a theme for a coming meeting; others in the network
support it (one vote per person and suggestion). Coordinators adopt a suggestion as a planned
meeting's draft theme, or close it with a reason. The suggester's own suggestion is not a vote:
support counts only other people (see README, "Temaförslag"). The rules live in
`meetings/wishes/workflow.py`; these models hold the data and the database rules.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import Meeting
from networks.models import Network, WorkArea
from representatives.models import Administration


class ThemeSuggestion(models.Model):
    """A suggested theme for a coming meeting of one network."""

    class Status(models.TextChoices):
        OPEN = "open", _("Öppet")
        ADOPTED = "adopted", _("Antaget som tema")
        CLOSED = "closed", _("Avslutat")

    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        related_name="theme_suggestions",
        verbose_name=_("nätverk"),
    )
    title = models.CharField(_("tema"), max_length=200)
    why = models.TextField(_("varför"), max_length=2000)
    work_area = models.ForeignKey(
        WorkArea,
        on_delete=models.PROTECT,
        related_name="theme_suggestions",
        verbose_name=_("arbetsområde"),
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="theme_suggestions",
        verbose_name=_("föreslaget av"),
    )
    # From the suggester's appointment in the network when suggesting.
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="theme_suggestions",
        verbose_name=_("förvaltning"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    adopted_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="theme_suggestions",
        verbose_name=_("antaget till mötet"),
    )
    closed_reason = models.TextField(_("anledning"), max_length=2000, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlat av"),
    )
    handled_at = models.DateTimeField(_("behandlat"), null=True, blank=True)
    created_at = models.DateTimeField(_("föreslaget"), auto_now_add=True)

    class Meta:
        verbose_name = _("temaförslag")
        verbose_name_plural = _("temaförslag")
        ordering = ["network", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="adopted", adopted_meeting__isnull=False)
                | (~Q(status="adopted") & Q(adopted_meeting__isnull=True)),
                name="theme_suggestion_meeting_iff_adopted",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(closed_reason=""),
                name="theme_suggestion_closed_has_reason",
            ),
        ]
        # The second: the coordinators' digest counts the wishes that came in a day.
        indexes = [
            models.Index(fields=["network", "status"]),
            models.Index(fields=["network", "created_at"], name="theme_suggestion_created"),
            # The handled ones, latest handled first (workflow.split_by_status): a page read in
            # this order instead of sorting all the network's handled suggestions.
            models.Index(
                F("network"),
                Coalesce("handled_at", "created_at").desc(),
                name="theme_suggestion_handled",
            ),
            # The latest open ones of the networks a coordinator has (the start page's "Har
            # kommit in"): read in this order, not by sorting every open suggestion.
            models.Index(fields=["status", "created_at"], name="theme_suggestion_open"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        url = reverse("theme_suggestions", kwargs={"code": self.network.code.lower()})
        return f"{url}#suggestion-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ThemeSupport(models.Model):
    """One person's support (vote) for someone else's suggestion."""

    suggestion = models.ForeignKey(
        ThemeSuggestion,
        on_delete=models.CASCADE,
        related_name="supports",
        verbose_name=_("temaförslag"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="theme_supports",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("stöd givet"), auto_now_add=True)

    class Meta:
        verbose_name = _("stöd för temaförslag")
        verbose_name_plural = _("stöd för temaförslag")
        ordering = ["suggestion", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "person"],
                name="one_support_per_person_and_suggestion",
                violation_error_message=_("Du stöder redan det här förslaget."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.suggestion}"
