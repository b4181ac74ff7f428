from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from networks.models import WorkArea
from networks.submissions import OnceForm
from networks.versions import VersionedModelForm


class WorkAreaForm(OnceForm, VersionedModelForm):
    """A new work area (with its one-time token) or an edit (with its version)."""

    stale_subject = pgettext_lazy("stale record", "Arbetsområdet")

    class Meta:
        model = WorkArea
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}
        error_messages = {"name": {"required": _("Ge arbetsområdet ett namn.")}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The model's TextField has no limit; the form keeps descriptions to a readable size.
        self.fields["description"].max_length = 2000  # type: ignore[attr-defined]
        self.fields["description"].validators.append(MaxLengthValidator(2000))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Ge arbetsområdet ett namn."))
        return name


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("upp")), ("down", _("ner"))])
