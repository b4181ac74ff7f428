"""Forms of the questions from the management groups: registering, and one per step."""

from typing import cast

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.selects import NormalChoices
from meetings.agenda.forms import MINUTES_ERRORS, TITLE_ERRORS
from meetings.form_fields import IdChoiceField, PlainSelect, SwedishOptionsSelect
from meetings.models import Meeting
from meetings.terms import Term
from networks.models import Network
from networks.submissions import OnceForm

NOTE_ERRORS = {"max_length": _("Texten får vara högst %(limit_value)d tecken.")}
# The browser's date picker shows the date its own way (e.g. mm/dd/yyyy), so no format is named.
DATE_ERRORS = {"required": _("Ange ett datum."), "invalid": _("Ange ett giltigt datum.")}


class MeetingChoiceField(IdChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.starts_at:%Y-%m-%d} {meeting.theme_title}".strip()


NOTE_LABEL = _("Anteckning (valfri)")


def _note() -> forms.CharField:
    return forms.CharField(
        label=NOTE_LABEL,
        required=False,
        max_length=2000,
        error_messages=NOTE_ERRORS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _minutes() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Önskad tid (minuter)"),
        min_value=1,
        max_value=120,
        initial=15,
        error_messages=MINUTES_ERRORS,
    )


def _meetings(meetings: list[Meeting], **kwargs) -> MeetingChoiceField:
    field = MeetingChoiceField(
        queryset=Meeting.objects.filter(pk__in=[m.pk for m in meetings]),
        error_messages={
            "required": _("Välj ett möte."),
            "invalid_choice": _("Välj ett av mötena i listan."),
        },
        **kwargs,
    )
    # Choices from the list already read (no second query to render them), each with its
    # meeting, as Django's own model choices, so the widget marks them as content.
    field.choices = [("", _("Välj möte"))] + [
        (ModelChoiceIteratorValue(m.pk, m), field.label_from_instance(m)) for m in meetings
    ]
    return field


class QuestionForm(OnceForm):
    """A representative registers a question, and may propose it to a meeting at once."""

    title = forms.CharField(label=_("Rubrik"), max_length=200, error_messages=TITLE_ERRORS)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=5000,
        error_messages=NOTE_ERRORS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad vill ledningsgruppen veta, och varför?"),
    )
    raised_on = forms.DateField(
        label=_("Datum då ledningsgruppen väckte frågan"),
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    propose = forms.BooleanField(
        label=_("Föreslå frågan till dagordningen för ett möte"), required=False
    )

    def __init__(self, *args, meetings: list[Meeting], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = _meetings(meetings, label=_("Möte"), required=False)
        self.fields["meeting"].help_text = _("Bara möten som tar emot förslag just nu.")
        self.fields["wished_minutes"] = _minutes()
        self.fields["wished_minutes"].required = False

    def clean_raised_on(self):
        # Also checked by the workflow; here it is the field's error, before anything is tried.
        raised_on = self.cleaned_data["raised_on"]
        if raised_on > timezone.localdate():
            raise forms.ValidationError(
                _("Datumet då ledningsgruppen väckte frågan kan inte ligga i framtiden.")
            )
        return raised_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("propose") and not cleaned.get("meeting") and "meeting" not in self.errors:
            self.add_error("meeting", _("Välj vilket möte frågan ska föreslås till."))
        if not cleaned.get("propose"):
            cleaned["meeting"] = None
        if cleaned.get("wished_minutes") is None:
            cleaned["wished_minutes"] = 15
        return cleaned


class ProposeForm(forms.Form):
    def __init__(self, *args, meetings: list[Meeting], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = _meetings(meetings, label=_("Möte"))
        self.fields["wished_minutes"] = _minutes()


class AnswerForm(forms.Form):
    written_answer = forms.CharField(
        label=_("Skriftligt svar"),
        max_length=5000,
        error_messages={"required": _("Skriv svaret."), **NOTE_ERRORS},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReferForm(forms.Form):
    to_network = IdChoiceField(
        label=_("Hänvisa till"),
        queryset=Network.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _("Välj det andra nätverket."),
            "required": _("Välj det andra nätverket."),
        },
    )
    note = _note()

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_network"].queryset = Network.objects.exclude(pk=network.pk)  # type: ignore[attr-defined]


class DealtWithForm(forms.Form):
    def __init__(self, *args, meetings: list[Meeting], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = _meetings(meetings, label=_("Behandlad på mötet"))
        self.fields["note"] = _note()


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Utfall"),
        max_length=5000,
        error_messages={"required": _("Skriv utfallet."), **NOTE_ERRORS},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad kom nätverket fram till? Det här får ledningsgruppen tillbaka."),
    )


class ReportBackForm(forms.Form):
    reported_back_on = forms.DateField(
        label=_("Återrapporterad till ledningsgruppen den"),
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = _note()


class CloseForm(forms.Form):
    note = _note()


class WithdrawForm(forms.Form):
    note = _note()


FORMS = {
    "propose": ProposeForm,
    "answer": AnswerForm,
    "refer": ReferForm,
    "deal_with": DealtWithForm,
    "outcome": OutcomeForm,
    "report_back": ReportBackForm,
    "close": CloseForm,
    "withdraw": WithdrawForm,
}


TERMS_TO_PICK = 20  # ten years back from the current term


# A filter value that does not fit (an edited address, an administration merged away): said
# beside the field, without repeating the value.
NOT_A_CHOICE = {"invalid_choice": _("Valet finns inte och används inte. Välj i listan.")}


class ListFilterForm(forms.Form):
    """The question list's filters (a GET form). A value that does not fit is left out, with a
    message beside its field, and the list shows as if it had not been given, so a kept or
    edited address never fails."""

    CURRENT, OPEN, AWAITING, CLOSED, ALL = "aktuella", "oppna", "aterrapport", "avslutade", "alla"
    lage = forms.ChoiceField(
        label=_("Läge"),
        required=False,
        widget=PlainSelect,
        choices=[
            (CURRENT, _("Att arbeta med (öppna och inte återrapporterade)")),
            (OPEN, _("Öppna")),
            (AWAITING, _("Behandlade, väntar på återrapport")),
            (CLOSED, _("Återrapporterade och avslutade")),
            (ALL, _("Alla")),
        ],
        error_messages=NOT_A_CHOICE,
    )
    termin = forms.ChoiceField(
        label=_("Väckt under termin"),
        required=False,
        widget=PlainSelect,
        error_messages=NOT_A_CHOICE,
    )
    forvaltning = forms.ChoiceField(
        label=_("Förvaltning"),
        required=False,
        widget=SwedishOptionsSelect,
        error_messages=NOT_A_CHOICE,
    )

    def __init__(self, data, *, administrations, **kwargs) -> None:
        """`administrations`: (pk, name) pairs, in the order to list them."""
        super().__init__(data, **kwargs)
        term = Term.of(timezone.localdate())
        terms = [term]
        while len(terms) < TERMS_TO_PICK:
            term = terms[-1]
            terms.append(
                Term(term.year, "VT") if term.season == "HT" else Term(term.year - 1, "HT")
            )
        formats = Term.formats()
        cast(forms.ChoiceField, self.fields["termin"]).choices = [("", _("Alla terminer"))] + [
            (t.code, t.label(formats)) for t in terms
        ]
        cast(forms.ChoiceField, self.fields["forvaltning"]).choices = NormalChoices(
            [("", _("Alla förvaltningar")), *((str(pk), name) for pk, name in administrations)]
        )

    def value(self, name: str) -> str:
        """The field's valid value, or "" (the default) when it was missing or did not fit."""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    def term(self) -> Term | None:
        value = self.value("termin")
        return Term(int(value[2:]), value[:2]) if value else None
