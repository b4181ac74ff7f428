"""The representative's form: "presented to the management group on <date>"."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.form_fields import IdChoiceField
from meetings.models import Meeting
from meetings.report_back import pack as report_back
from representatives.models import Administration


class PresentedForm(forms.Form):
    """Which administration's pack, and the day it was presented (changeable later)."""

    administration = IdChoiceField(
        label=_("Förvaltning"),
        queryset=Administration.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("Du kan bara markera återrapporten för din egen förvaltning."),
            "required": _("Ange förvaltningen."),
        },
    )
    presented_on = forms.DateField(
        label=_("Presenterad för ledningsgruppen den"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Tidigast mötesdagen, senast i dag."),
        error_messages={
            "required": _("Ange datumet då återrapporten presenterades."),
            "invalid": _("Ange ett giltigt datum."),
        },
    )

    def __init__(self, *args, meeting: Meeting, administration_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["administration"].queryset = Administration.objects.filter(  # type: ignore[attr-defined]
            pk__in=administration_ids
        )
        today = timezone.localdate()
        self.fields["presented_on"].widget.attrs.update(
            {"max": today.isoformat(), "min": timezone.localdate(meeting.starts_at).isoformat()}
        )

    def clean_presented_on(self):
        presented_on = self.cleaned_data["presented_on"]
        try:
            report_back.check_presented_on(self.meeting, presented_on)
        except report_back.ReportBackError as error:
            raise forms.ValidationError(error.message) from error
        return presented_on
