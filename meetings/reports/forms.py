import functools
from typing import cast

from django import forms
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.selects import NormalChoices
from meetings.form_fields import PlainSelect
from meetings.reports.figures import parse_term, term_range, term_value, terms_between
from meetings.terms import Term
from networks.models import Network


class TermSelect(PlainSelect):
    """The term select, its HTML kept per options, name, value and attributes: the options are
    the same for every request of a range of terms in a language (`_term_options`; a century
    of meetings is 210 of them), so each page's select is written once, not option by option
    on every request."""

    _written_selects: dict[tuple, str] = {}
    # The `_term_options` pairs the choices were set from (TermForm sets them).
    term_options: tuple | None = None

    def render(self, name, value, attrs=None, renderer=None):
        options = self.term_options
        if options is None:
            return super().render(name, value, attrs, renderer)
        key = (
            options,
            name,
            tuple(self.format_value(value)),
            tuple(self.build_attrs(self.attrs, attrs).items()),
        )
        written = self._written_selects.get(key)
        if written is None:
            if len(self._written_selects) >= 256:
                self._written_selects.clear()
            written = self._written_selects[key] = super().render(name, value, attrs, renderer)
        return written


class TermForm(forms.Form):
    """The term select of the reports (a GET form)."""

    termin = forms.ChoiceField(
        label=_("Termin"),
        # Every term back to the network's first meeting: written out in Python, not an
        # option template each (a long history made the select cost more than the report).
        widget=TermSelect,
        error_messages={
            "invalid_choice": _("Välj en termin i listan."),
            "required": _("Välj en termin i listan."),
        },
    )

    def __init__(self, *args, first: Term, last: Term, **kwargs) -> None:
        """The choices are the terms from `last` back to `first` (`term_range`)."""
        super().__init__(*args, **kwargs)
        options = _term_options(first, last, get_language())
        field = self.fields["termin"]
        field.choices = NormalChoices(options)  # type: ignore[attr-defined]
        cast(TermSelect, field.widget).term_options = options

    def clean_termin(self) -> Term:
        term = parse_term(self.cleaned_data["termin"])
        if term is None:
            raise forms.ValidationError(_("Välj en termin i listan."))
        return term


@functools.lru_cache(maxsize=64)
def _term_options(first: Term, last: Term, language: str | None) -> tuple[tuple[str, str], ...]:
    """The select's (value, label) pairs in `language`: the same for every request, so made
    once (a century of meetings is 210 terms; Django normalized them twice per request)."""
    formats = Term.formats()  # in the active language, which `language` names
    return tuple((term_value(term), term.label(formats)) for term in terms_between(first, last))


def chosen_term(request: HttpRequest, network: Network) -> tuple[TermForm, Term | None]:
    """The term asked for in `?termin=`, the current term when none is; None when invalid."""
    today = timezone.localdate()
    first, last = term_range(network, today)
    if "termin" not in request.GET:
        current = Term.of(today)
        initial = {"termin": term_value(current)}
        return TermForm(initial=initial, first=first, last=last), current
    form = TermForm(request.GET, first=first, last=last)
    if not form.is_valid():
        return form, None
    return form, form.cleaned_data["termin"]


# The term form as templates/meetings/reports/_term_form.html writes it when it has no errors,
# by its options, the term chosen and the language: the same for every request of a network's
# range of terms, and its includes (the error summary, the field's layout) cost more than the
# select kept by `TermSelect`. At most WRITTEN_FORMS_KEPT.
_written_forms: dict[tuple, SafeString] = {}
WRITTEN_FORMS_KEPT = 256


def written_term_form(form: TermForm) -> SafeString | None:
    """The form's HTML, kept per what it shows; None for a form with errors (written by the
    template, with its error summary)."""
    if form.is_bound and form.errors:
        return None
    field = form["termin"]
    key = (
        cast(TermSelect, field.field.widget).term_options,
        str(field.value()),
        get_language(),
        form.auto_id,
        form.prefix,
    )
    written = _written_forms.get(key)
    if written is None:
        if len(_written_forms) >= WRITTEN_FORMS_KEPT:
            _written_forms.clear()
        written = _written_forms[key] = SafeString(
            render_to_string("meetings/reports/_term_form.html", {"form": form})
        )
    return written
