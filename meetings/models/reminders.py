"""A person's choice of reminders (meetings/reminders/): every reminder is on until they switch
it off. No row means everything on, so only people who changed something have one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderPreferences(models.Model):
    """Which reminders one person wants. Each field is one kind of reminder e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reminder_preferences",
        verbose_name=_("person"),
    )
    unanswered = models.BooleanField(
        _("Inbjudan jag inte har svarat på"),
        default=True,
        help_text=_("Några dagar före mötet, om du inte har svarat om du kommer."),
    )
    day_before = models.BooleanField(
        _("Dagen före mötet"),
        default=True,
        help_text=_("Med tid, plats och den publicerade dagordningen."),
    )
    proposals_closing = models.BooleanField(
        _("Förslagen till dagordningen stänger snart"),
        default=True,
        help_text=_("Några dagar innan det slutar gå att föreslå punkter."),
    )
    action_due = models.BooleanField(
        _("En åtgärd min förvaltning svarar för ska vara klar snart"),
        default=True,
    )
    consultation_due = models.BooleanField(
        _("Ett remissvar från min förvaltning ska vara inne snart"),
        default=True,
    )
    report_back = models.BooleanField(
        _("Återrapporten till ledningsgruppen är inte markerad som presenterad"),
        default=True,
        help_text=_("Två veckor efter mötet, om återrapporten inte är markerad."),
    )
    documents = models.BooleanField(
        _("Nya dokument och dokument som byter status i mina nätverk"),
        default=True,
        help_text=_(
            "När ett styrdokument, en remiss eller en rapport läggs till, eller när ett "
            "dokument under framtagande går vidare till nästa steg."
        ),
    )
    digest = models.BooleanField(
        _("Daglig sammanfattning till samordnare"),
        default=True,
        help_text=_(
            "Det som har kommit in i nätverket det senaste dygnet: förslag, frågor, "
            "temaförslag, remissvar och misslyckade utskick. Skickas bara när något har kommit in."
        ),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    # The switches, in the order the page shows them.
    KINDS = (
        "unanswered",
        "day_before",
        "proposals_closing",
        "action_due",
        "consultation_due",
        "report_back",
        "documents",
        "digest",
    )

    class Meta:
        verbose_name = _("val av påminnelser")
        verbose_name_plural = _("val av påminnelser")

    def __str__(self) -> str:
        return str(self.user)
