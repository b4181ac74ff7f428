"""Forms of the theme wishes. Every input goes through one of these."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from meetings.form_fields import NamedIdChoiceField, PlainSelect, work_area_choices
from meetings.models import Meeting, ThemeSuggestion
from networks.submissions import OnceForm

TITLE_ERRORS = {
    "required": _("Skriv vilket tema du föreslår."),
    "max_length": _("Temat får vara högst %(limit_value)d tecken (det har %(show_value)d)."),
}
WHY_ERRORS = {
    "required": _("Skriv varför nätverket borde ta upp temat."),
    "max_length": _("Texten får vara högst %(limit_value)d tecken (den har %(show_value)d)."),
}


class SuggestionForm(OnceForm, forms.ModelForm):
    """A representative's or substitute's theme suggestion."""

    class Meta:
        model = ThemeSuggestion
        fields = ["title", "why", "work_area"]
        # The choices as (pk, name) values, not instances (the form is on the suggestions page).
        field_classes = {"work_area": NamedIdChoiceField}
        labels = {"title": _("Tema"), "why": _("Varför?"), "work_area": _("Arbetsområde")}
        widgets = {"why": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "why": _("Vad skulle förvaltningarna få ut av ett möte om temat? Högst 2000 tecken."),
        }
        error_messages = {
            "title": TITLE_ERRORS,
            "why": WHY_ERRORS,
            "work_area": {
                "required": _("Välj vilket arbetsområde temat hör till."),
                "invalid_choice": _("Välj ett av nätverkets aktuella arbetsområden."),
            },
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        work_area_choices(self.fields["work_area"], network.pk)
        self.fields["work_area"].empty_label = _("Välj arbetsområde")
        self.fields["why"].widget.attrs["maxlength"] = 2000


class SupportForm(forms.Form):
    """Support a suggestion or withdraw one's support. Explicit, not a toggle: a stale page
    (or a second tab) can never turn a second vote into a withdrawal."""

    SUPPORT, WITHDRAW = "support", "withdraw"
    action = forms.ChoiceField(
        choices=[(SUPPORT, _("Stöd")), (WITHDRAW, _("Ta tillbaka stöd"))],
        error_messages={
            "required": _("Välj om du stöder förslaget."),
            "invalid_choice": _("Välj om du stöder förslaget."),
        },
    )


def meeting_label(meeting: Meeting) -> str:
    day = date_format(timezone.localtime(meeting.starts_at), "l j F Y")
    if meeting.theme_title:
        return _("%(day)s (utkast till tema: %(theme)s)") % {
            "day": day,
            "theme": meeting.theme_title,
        }
    return str(day)


class AdoptForm(forms.Form):
    """Adopt a suggestion as a planned meeting's draft theme."""

    meeting = forms.TypedChoiceField(
        label=_("Möte"),
        widget=PlainSelect(written=True),
        coerce=int,
        help_text=_(
            "Planerade möten som ännu inte har ett publicerat tema. Temat blir mötets utkast; "
            "du publicerar det som vanligt från mötessidan."
        ),
        error_messages={
            "required": _("Välj vilket möte temat ska gälla."),
            "invalid_choice": _("Välj ett av nätverkets planerade, kommande möten."),
        },
    )

    def __init__(self, *args, targets: list[Meeting], **kwargs):
        # The targets come as a list, evaluated once for every suggestion on the page.
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", _("Välj möte"))] + [  # type: ignore[attr-defined]
            (meeting.pk, meeting_label(meeting)) for meeting in targets
        ]


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Varför avslutas förslaget?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
        help_text=_("Förslagsställaren får motiveringen med e-post."),
        error_messages={
            "required": _("Skriv varför förslaget avslutas."),
            "max_length": _(
                "Motiveringen får vara högst %(limit_value)d tecken (den har %(show_value)d)."
            ),
        },
    )
