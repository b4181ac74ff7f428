"""The network's "Möten" page: the select of every past term (a GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.selects import NormalChoices
from meetings.form_fields import PlainSelect
from meetings.terms import Term


class PastTermForm(forms.Form):
    """Every term from the network's first held meeting to its latest, newest first. The latest
    few are links on the page; this reaches the rest without listing decades as links.
    Written out in Python (`PlainSelect`): a long history is hundreds of terms."""

    termin = forms.ChoiceField(label=_("Alla terminer"), widget=PlainSelect)

    def __init__(self, *args, terms: list[Term], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        formats = Term.formats()
        # Already in Django's normal form: passed through, not normalized pair by pair.
        self.fields["termin"].choices = NormalChoices(  # type: ignore[attr-defined]
            [(term.code, term.label(formats)) for term in terms]
        )
