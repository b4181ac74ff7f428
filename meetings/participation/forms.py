from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Attendance
from networks.submissions import OnceForm


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Ditt svar"),
        choices=Attendance.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj ett svar."), "invalid_choice": _("Välj ett svar.")},
    )


class InvitationForm(OnceForm):
    full_name = forms.CharField(label=_("Kollegans namn"), max_length=200)
    email = forms.EmailField(label=_("Kollegans e-postadress"))
    reason = forms.CharField(
        label=_("Varför kollegan bjuds in"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Står i inbjudan, till exempel vad kollegan kan bidra med under temat."),
    )


class AttendanceForm(forms.Form):
    """Who was there: the coordinator ticks people among the network's current seats."""

    present = forms.TypedMultipleChoiceField(
        label=_("Närvarande"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(p.pk, p.full_name) for p in people]  # type: ignore[attr-defined]
