from django import forms
from django.utils.translation import gettext_lazy as _

from networks.models import WorkArea


class WorkAreaForm(forms.ModelForm):
    class Meta:
        model = WorkArea
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": _("Ge arbetsområdet ett namn.")}}

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Ge arbetsområdet ett namn."))
        return name


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("upp")), ("down", _("ned"))])
