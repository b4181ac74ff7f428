from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import Evaluation, EvaluationSettings
from meetings.models.evaluations import STANDARD_WORDING
from networks.versions import VersionedModelForm

USEFULNESS_CHOICES = [
    ("1", _("1 – inte alls användbart")),
    ("2", _("2")),
    ("3", _("3")),
    ("4", _("4")),
    ("5", _("5 – mycket användbart")),
]
CHOICE_ERRORS = {
    "required": _("Välj ett av alternativen."),
    "invalid_choice": _("Välj ett av alternativen."),
}


class EvaluationForm(forms.Form):
    """The questions the network's settings ask: radio groups are required, free text is not."""

    usefulness = forms.TypedChoiceField(
        choices=USEFULNESS_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    length = forms.ChoiceField(
        choices=Evaluation.Length.choices, widget=forms.RadioSelect, error_messages=CHOICE_ERRORS
    )
    preferred_format = forms.ChoiceField(
        choices=Evaluation.Format.choices, widget=forms.RadioSelect, error_messages=CHOICE_ERRORS
    )
    comment = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    extra_answer = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    # question name in the settings → form field
    QUESTIONS = {
        "usefulness": "usefulness",
        "length": "length",
        "format": "preferred_format",
        "comment": "comment",
    }

    def __init__(self, *args, settings: EvaluationSettings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question, name in self.QUESTIONS.items():
            if settings.asks(question):
                self.fields[name].label = settings.wording(question)
            else:
                del self.fields[name]
        if settings.asks("extra"):
            self.fields["extra_answer"].label = settings.extra_question
        else:
            del self.fields["extra_answer"]

    @property
    def radio_fields(self):
        names = ("usefulness", "length", "preferred_format")
        return [self[name] for name in names if name in self.fields]

    @property
    def text_fields(self):
        return [self[name] for name in ("comment", "extra_answer") if name in self.fields]


class EvaluationSettingsForm(VersionedModelForm):
    """The network's evaluation questions. The row is made by the first save (version 0 in
    the form until then), so two coordinators' first saves cannot both win either."""

    stale_subject = pgettext_lazy("stale record", "Utvärderingens frågor")
    versioned_create = True

    class Meta:
        model = EvaluationSettings
        fields = [
            "ask_usefulness",
            "usefulness_text",
            "ask_length",
            "length_text",
            "ask_format",
            "format_text",
            "ask_comment",
            "comment_text",
            "extra_question",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in ("usefulness", "length", "format", "comment"):
            field = self.fields[f"{question}_text"]
            field.help_text = _("Tomt: standardformuleringen, ”%(text)s”") % {
                "text": STANDARD_WORDING[question]
            }
        self.fields["extra_question"].help_text = _(
            "Valfri. En egen fråga som besvaras med fritext; tomt betyder ingen extra fråga."
        )

    def clean(self):
        cleaned = super().clean()
        asked = [cleaned.get(f"ask_{q}") for q in ("usefulness", "length", "format", "comment")]
        if not any(asked) and not (cleaned.get("extra_question") or "").strip():
            raise forms.ValidationError(_("Utvärderingen måste ställa minst en fråga."))
        return cleaned
