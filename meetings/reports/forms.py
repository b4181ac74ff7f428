from django import forms
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.form_fields import PlainSelect
from meetings.reports.figures import parse_term, term_choices, term_value
from meetings.terms import Term
from networks.models import Network


class TermForm(forms.Form):
    """The term select of the reports (a GET form)."""

    termin = forms.ChoiceField(
        label=_("Termin"),
        # Every term back to the network's first meeting: written out in Python, not an
        # option template each (a long history made the select cost more than the report).
        widget=PlainSelect,
        error_messages={
            "invalid_choice": _("Välj en termin i listan."),
            "required": _("Välj en termin i listan."),
        },
    )

    def __init__(self, *args, terms: list[Term], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        formats = Term.formats()  # translated once, not twice for each of a long history's terms
        self.fields["termin"].choices = [  # type: ignore[attr-defined]
            (term_value(term), term.label(formats)) for term in terms
        ]

    def clean_termin(self) -> Term:
        term = parse_term(self.cleaned_data["termin"])
        if term is None:
            raise forms.ValidationError(_("Välj en termin i listan."))
        return term


def chosen_term(request: HttpRequest, network: Network) -> tuple[TermForm, Term | None]:
    """The term asked for in `?termin=`, the current term when none is; None when invalid."""
    today = timezone.localdate()
    terms = term_choices(network, today)
    if "termin" not in request.GET:
        current = Term.of(today)
        return TermForm(initial={"termin": term_value(current)}, terms=terms), current
    form = TermForm(request.GET, terms=terms)
    if not form.is_valid():
        return form, None
    return form, form.cleaned_data["termin"]
