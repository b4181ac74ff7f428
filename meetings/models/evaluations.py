"""Meeting evaluations: what participants thought of a held meeting.

- `EvaluationSettings`: one row per network, the questions its evaluations ask. The four
  standard questions (usefulness 1–5, length, preferred format, comment) can each be switched
  off and reworded; an optional extra free-text question can be added. A blank wording means
  the standard (translated) wording. A network without a row asks the four standard questions.
- `EvaluationRequest`: the one e-mail round per meeting (who sent it, when; None for the
  daily command). The unique meeting makes "sent twice" impossible in the database too.
- `Evaluation`: one participant's answer for one meeting, changeable until the network's next
  meeting starts (the rules live in `meetings/evaluations/workflow.py`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import Meeting
from networks.models import Network
from networks.versions import version_field

STANDARD_WORDING = {
    "usefulness": _("Hur användbart var mötet för dig och din förvaltning?"),
    "length": _("Vad tyckte du om mötets längd?"),
    "format": _("Vilken mötesform föredrar du?"),
    "comment": _("Något annat du vill säga om mötet?"),
}


class EvaluationSettings(models.Model):
    """The questions a network's evaluations ask."""

    network = models.OneToOneField(
        Network,
        on_delete=models.CASCADE,
        related_name="evaluation_settings",
        verbose_name=_("nätverk"),
    )
    ask_usefulness = models.BooleanField(_("fråga om nytta (1–5)"), default=True)
    usefulness_text = models.CharField(_("formulering, nytta"), max_length=200, blank=True)
    ask_length = models.BooleanField(_("fråga om mötets längd"), default=True)
    length_text = models.CharField(_("formulering, längd"), max_length=200, blank=True)
    ask_format = models.BooleanField(_("fråga om mötesform"), default=True)
    format_text = models.CharField(_("formulering, mötesform"), max_length=200, blank=True)
    ask_comment = models.BooleanField(_("fråga efter kommentar"), default=True)
    comment_text = models.CharField(_("formulering, kommentar"), max_length=200, blank=True)
    extra_question = models.CharField(_("extra fråga (fritext)"), max_length=200, blank=True)
    # Optimistic locking of the edit form (networks/versions.py).
    version = version_field()
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("utvärderingsinställning")
        verbose_name_plural = _("utvärderingsinställningar")

    def __str__(self) -> str:
        return str(self.network)

    @classmethod
    def for_network(cls, network: Network) -> "EvaluationSettings":
        """The network's settings; an unsaved default row when it has none (a GET writes
        nothing)."""
        found = cls.objects.filter(network=network).first()
        return found if found is not None else cls(network=network)

    def wording(self, question: str) -> str:
        return getattr(self, f"{question}_text") or str(STANDARD_WORDING[question])

    def asks(self, question: str) -> bool:
        if question == "extra":
            return bool(self.extra_question.strip())
        return getattr(self, f"ask_{question}")


class EvaluationRequest(models.Model):
    """The evaluation e-mail of one meeting, sent once."""

    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.CASCADE,
        related_name="evaluation_request",
        verbose_name=_("möte"),
    )
    sent_at = models.DateTimeField(_("skickad"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skickad av"),
    )
    recipients = models.PositiveIntegerField(_("antal mottagare"), default=0)

    class Meta:
        verbose_name = _("utskick av utvärdering")
        verbose_name_plural = _("utskick av utvärderingar")

    def __str__(self) -> str:
        return f"{self.meeting} ({self.sent_at:%Y-%m-%d})"


class Evaluation(models.Model):
    """One participant's evaluation of one held meeting."""

    class Length(models.TextChoices):
        TOO_SHORT = "too_short", _("För kort")
        RIGHT = "right", _("Lagom")
        TOO_LONG = "too_long", _("För långt")

    class Format(models.TextChoices):
        ON_SITE = "on_site", _("På plats")
        DIGITAL = "digital", _("Digitalt")
        HYBRID = "hybrid", _("Hybrid")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("möte")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("person"),
    )
    # Each answer is empty when the network does not ask that question.
    usefulness = models.PositiveSmallIntegerField(
        _("nytta (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    length = models.CharField(_("längd"), max_length=20, choices=Length.choices, blank=True)
    preferred_format = models.CharField(
        _("önskad mötesform"), max_length=20, choices=Format.choices, blank=True
    )
    comment = models.TextField(_("kommentar"), max_length=2000, blank=True)
    extra_answer = models.TextField(_("svar på extra fråga"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("utvärdering")
        verbose_name_plural = _("utvärderingar")
        ordering = ["meeting", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="one_evaluation_per_person_and_meeting",
                violation_error_message=_("Du har redan utvärderat mötet."),
            ),
            models.CheckConstraint(
                condition=Q(usefulness__isnull=True) | Q(usefulness__gte=1, usefulness__lte=5),
                name="evaluation_usefulness_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}"
