from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import ReminderPreferences

# What a browser sends for a ticked checkbox (no value attribute); an unticked one sends nothing.
CHECKED = "on"


class ReminderPreferencesForm(forms.ModelForm):
    """A person's reminder switches. The digest is offered to coordinators only."""

    class Meta:
        model = ReminderPreferences
        fields = list(ReminderPreferences.KINDS)

    def __init__(self, *args, coordinator: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not coordinator:
            del self.fields["digest"]

    def clean(self):
        # A checkbox reads any value as ticked; only what our page sends is taken, so a
        # garbled or forged value changes nothing.
        for name in self.fields:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            if values and values[-1].strip() and values[-1] != CHECKED:
                self.add_error(name, _("Rutan kan bara vara ikryssad eller tom."))
        return super().clean()
