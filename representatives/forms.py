from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from networks.submissions import OnceForm


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

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if self.current_person is not None and self.current_person.email.lower() == email:
            raise forms.ValidationError(_("Personen har redan det här uppdraget."))
        return email
