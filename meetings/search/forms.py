from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.search.engine import MAX_QUERY_LENGTH, words_of


class SearchForm(forms.Form):
    """The search box (a GET form): what to look for, in words."""

    q = forms.CharField(
        label=_("Sök"),
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "required": _("Skriv vad du vill söka efter."),
            "max_length": _("Sökningen får vara högst %(limit_value)d tecken lång."),
            "null_characters_not_allowed": _(
                "Sökningen innehåller tecken som inte går att söka på."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if not words_of(query):
            raise forms.ValidationError(
                _("Skriv minst ett ord med bokstäver eller siffror för att söka.")
            )
        return query
