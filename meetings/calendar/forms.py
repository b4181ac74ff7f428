from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from networks.models import Network

PERSONAL = "personal"


class NewLinkForm(forms.Form):
    """Which feed gets a new secret link: the personal one or a network's (by code)."""

    feed = forms.ChoiceField(label=_("Kalender"))

    def __init__(self, *args, networks: list[Network], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.networks = {network.code: network for network in networks}
        self.fields["feed"].choices = [(PERSONAL, _("Mina möten"))] + [  # type: ignore[attr-defined]
            (code, network.name) for code, network in self.networks.items()
        ]
        self.fields["feed"].error_messages["invalid_choice"] = _("Välj en av kalendrarna.")

    def network(self) -> Network | None:
        return self.networks.get(self.cleaned_data["feed"])


class CalendarDeliveryForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["calendar_delivery"]
        widgets = {"calendar_delivery": forms.RadioSelect}
        labels = {"calendar_delivery": _("Hur vill du få mötena till din kalender?")}
        help_texts = {
            "calendar_delivery": _(
                "Med inbjudningar får du ett e-postmeddelande för varje möte och ändring, som "
                "du tackar ja eller nej till. Med bara prenumeration kommer mötena via "
                "kalenderlänken nedan och du får inga inbjudningar, så inget möte syns två gånger."
            )
        }
