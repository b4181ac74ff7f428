from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from networks.models import Network, WorkArea
from networks.submissions import OnceForm
from networks.versions import VersionedModelForm


class WorkAreaForm(OnceForm, VersionedModelForm):
    """A new work area (with its one-time token) or an edit (with its version)."""

    stale_subject = pgettext_lazy("stale record", "Arbetsområdet")

    class Meta:
        model = WorkArea
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}
        error_messages = {"name": {"required": _("Ge arbetsområdet ett namn.")}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The model's TextField has no limit; the form keeps descriptions to a readable size.
        self.fields["description"].max_length = 2000  # type: ignore[attr-defined]
        self.fields["description"].validators.append(MaxLengthValidator(2000))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Ge arbetsområdet ett namn."))
        return name


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("upp")), ("down", _("ner"))])


class NetworkSettingsForm(VersionedModelForm):
    """What a network's coordinators decide themselves. The code and the coordinators stay
    with the administrators (the code is in addresses and calendars; who coordinates is an
    appointment, not a setting)."""

    stale_subject = pgettext_lazy("stale record", "Nätverkets inställningar")

    class Meta:
        model = Network
        fields = [
            "name",
            "purpose",
            "organizer_email",
            "default_meeting_minutes",
            "target_meetings_min",
            "target_meetings_max",
            "theme_lead_days",
            "proposal_close_days",
            "reminder_answer_days",
            "reminder_proposal_days",
            "reminder_action_days",
            "reminder_consultation_days",
            "reminder_report_back_days",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4, "maxlength": 5000})}
        error_messages = {
            "name": {"required": _("Ge nätverket ett namn.")},
            "organizer_email": {"invalid": _("Ange en giltig e-postadress.")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].max_length = 5000  # type: ignore[attr-defined]
        self.fields["purpose"].validators.append(MaxLengthValidator(5000))
        for name in ("target_meetings_min", "target_meetings_max"):
            field = self.fields[name]
            field.min_value = 1  # type: ignore[attr-defined]
            field.max_value = 12  # type: ignore[attr-defined]
            field.widget.attrs.update({"min": 1, "max": 12})
            field.validators.extend([MinValueValidator(1), MaxValueValidator(12)])
        number = _("Ange ett heltal.")
        for name in (
            "default_meeting_minutes",
            "target_meetings_min",
            "target_meetings_max",
            "theme_lead_days",
            "proposal_close_days",
        ):
            self.fields[name].error_messages.update(
                {
                    "invalid": number,
                    "required": _("Fältet behöver ett värde."),
                    "min_value": _("Värdet får inte vara mindre än %(limit_value)s."),
                    "max_value": _("Värdet får inte vara större än %(limit_value)s."),
                }
            )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Ge nätverket ett namn."))
        return name

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("target_meetings_min"), cleaned.get("target_meetings_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "target_meetings_max",
                _("Högst antal möten kan inte vara färre än minst antal möten."),
            )
        return cleaned
