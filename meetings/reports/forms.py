from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.reports.figures import parse_term, term_value
from meetings.terms import Term


class TermForm(forms.Form):
    """The term select of the reports (a GET form)."""

    termin = forms.ChoiceField(
        label=_("Termin"),
        error_messages={
            "invalid_choice": _("Välj en termin i listan."),
            "required": _("Välj en termin i listan."),
        },
    )

    def __init__(self, *args, terms: list[Term], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["termin"].choices = [(term_value(term), str(term)) for term in terms]

    def clean_termin(self) -> Term:
        term = parse_term(self.cleaned_data["termin"])
        if term is None:
            raise forms.ValidationError(_("Välj en termin i listan."))
        return term
