import datetime
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from config.selects import SwedishOptionsSelect
from networks.submissions import OnceForm
from networks.versions import VersionedModelForm
from representatives.models import Administration

MAX_AHEAD = datetime.timedelta(days=366)


class AppointmentForm(OnceForm):
    """Who the director appoints, and the director's confirmation of the mandate.

    The three confirmations are the assignment document's expectations on directors, in its words.
    """

    full_name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_("Finns personen redan i systemet kopplas uppdraget till det kontot."),
    )
    # The assignment document's expectations on directors, word for word.
    mandate = forms.BooleanField(
        label=_(
            "Utse representant med tydligt mandat att få representera förvaltningen i hållbarhetsfrågor."  # noqa: E501
        )
    )
    management_access = forms.BooleanField(
        label=_("Möjliggöra för representanten att föra fram frågor till ledningsgruppen.")
    )
    management_forwards = forms.BooleanField(
        label=_(
            "Att ledningsgruppen tar ansvar för att föra frågor vidare till hållbarhetsnätverken via representanten."  # noqa: E501
        )
    )

    mandate_scope = forms.CharField(
        label=_("Mandatets omfattning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=_(
            "Vad representanten kan företräda förvaltningen i, till exempel vilka beslut den "
            "kan ta eller vilka frågor den behöver stämma av med ledningsgruppen. Visas för "
            "nätverkets samordnare."
        ),
    )
    start_date = forms.DateField(
        label=_("Från och med"),
        required=False,
        # A text field, not type="date": Chromium's date picker button is a tab stop without
        # a visible focus indicator.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"autocomplete": "off"}),
        help_text=_("ÅÅÅÅ-MM-DD. Lämna tomt för i dag; ett senare datum gäller från den dagen."),
    )

    def __init__(self, *args, current_person: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current_person = current_person
        # Checked together in clean(): one message, not three identical ones.
        for name in self.CONFIRMATIONS:
            self.fields[name].required = False

    CONFIRMATIONS = ("mandate", "management_access", "management_forwards")

    def clean(self) -> dict:
        cleaned = cast(dict, super().clean())
        if not all(cleaned.get(name) for name in self.CONFIRMATIONS):
            raise forms.ValidationError(
                _("Bekräfta alla tre förväntningarna på förvaltningsdirektören för att utse någon.")
            )
        return cleaned

    def clean_start_date(self):
        start = self.cleaned_data.get("start_date")
        today = timezone.localdate()
        if start is not None and start < today:
            raise forms.ValidationError(_("Uppdraget kan inte börja i det förflutna."))
        if start is not None and start > today + MAX_AHEAD:
            raise forms.ValidationError(_("Uppdraget kan börja högst ett år fram i tiden."))
        return start

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if self.current_person is not None and self.current_person.email.lower() == email:
            raise forms.ValidationError(_("Personen har redan det här uppdraget."))
        return email


class AdministrationForm(OnceForm, VersionedModelForm):
    """A new administration (with its one-time token) or a new name (with its version)."""

    stale_subject = pgettext_lazy("stale record", "Förvaltningen")

    class Meta:
        model = Administration
        fields = ["name", "short_name"]
        help_texts = {"short_name": _("Visas där utrymmet är litet, till exempel MF.")}
        error_messages = {
            "name": {
                "required": _("Ge förvaltningen ett namn."),
                "unique": _("Det finns redan en förvaltning med det namnet."),
                "max_length": _("Högst %(limit_value)d tecken (texten har %(show_value)d)."),
            },
            "short_name": {
                "required": _("Ge förvaltningen ett kortnamn."),
                "unique": _("Det finns redan en förvaltning med det kortnamnet."),
                "max_length": _("Högst %(limit_value)d tecken (texten har %(show_value)d)."),
            },
        }

    def _clean_unique_text(self, name: str, message) -> str:
        value = " ".join(self.cleaned_data[name].split())
        if not value:
            raise forms.ValidationError(self.fields[name].error_messages["required"])
        others = Administration.objects.exclude(pk=self.instance.pk)
        if others.filter(**{f"{name}__iexact": value}).exists():
            raise forms.ValidationError(message)
        return value

    def clean_name(self) -> str:
        return self._clean_unique_text("name", _("Det finns redan en förvaltning med det namnet."))

    def clean_short_name(self) -> str:
        return self._clean_unique_text(
            "short_name", _("Det finns redan en förvaltning med det kortnamnet.")
        )


class MergeForm(forms.Form):
    """Which administration the one on the page is merged into. The list offers the other
    active ones; anything else posted is refused by the merge itself, with its message."""

    target = forms.ModelChoiceField(
        label=_("Slås samman med"),
        queryset=Administration.objects.all(),
        widget=SwedishOptionsSelect,
        help_text=_(
            "Förvaltningen på sidan blir inaktiv. Dess representanter och ersättare flyttar "
            "till den valda förvaltningen där den inte redan har någon."
        ),
        error_messages={
            "required": _("Välj förvaltningen att slå samman med."),
            "invalid_choice": _("Förvaltningen finns inte. Välj en i listan."),
        },
    )
    confirm = forms.BooleanField(
        label=_("Jag förstår att sammanslagningen inte kan ångras här."),
        error_messages={"required": _("Kryssa i att du förstår att det inte kan ångras.")},
    )

    def __init__(self, *args, source: Administration, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offered = (
            Administration.objects.active()
            .exclude(pk=source.pk)
            .order_by("name")
            .values_list("pk", "name")  # names only: hundreds in a large organisation
        )
        self.fields["target"].widget.choices = [("", "---------"), *offered]


class NameFilterForm(forms.Form):
    """A list's name filter (a GET form): a value that does not fit (too long) is said beside
    the field and the list shows unfiltered, so a kept or edited address never fails."""

    namn = forms.CharField(label=_("Namn innehåller"), max_length=100, required=False)

    def __init__(self, data, *, label=None, **kwargs) -> None:
        super().__init__(data, **kwargs)
        if label is not None:
            self.fields["namn"].label = label

    def value(self) -> str:
        self.is_valid()
        return (self.cleaned_data.get("namn") or "").strip()
