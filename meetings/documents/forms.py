from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.documents import workflow as documents
from meetings.form_fields import IdChoiceField, IdMultipleChoiceField
from meetings.models import ConsultationResponse, Document, Meeting
from networks.models import Network, WorkArea
from networks.submissions import OnceForm
from representatives.models import Administration


class DocumentForm(OnceForm, forms.ModelForm):
    """A coordinator adds a document to a network: a link or a file (exactly one)."""

    url = forms.URLField(
        label=_("Länk"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("En länk till dokumentet, om du inte laddar upp en fil."),
    )
    upload = forms.FileField(
        label=_("Fil"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, PPTX, ODT eller ODS, högst 20 MB."),
    )
    asked_administrations = IdMultipleChoiceField(
        label=_("Förvaltningar som ska svara"),
        queryset=Administration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bara för remisser."),
    )

    class Meta:
        model = Document
        fields = ["title", "kind", "url", "work_areas", "meeting", "deadline"]
        field_classes = {"work_areas": IdMultipleChoiceField, "meeting": IdChoiceField}
        widgets = {
            "work_areas": forms.CheckboxSelectMultiple,
            # A text field, not type="date": Chromium's date picker button is a tab stop
            # without a visible focus indicator.
            "deadline": forms.DateInput(format="%Y-%m-%d", attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "deadline": _(
                "Bara för remisser: sista dag för förvaltningarnas svar, som ÅÅÅÅ-MM-DD."
            ),
        }

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.upload_kind: str | None = None
        self.fields["work_areas"].queryset = WorkArea.objects.active().filter(network=network)  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = Meeting.objects.filter(network=network).order_by(  # type: ignore[attr-defined]
            "-starts_at"
        )
        self.fields["meeting"].required = False
        self.fields["asked_administrations"].queryset = Administration.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["upload"].help_text = _(
            "PDF, DOCX, XLSX, PPTX, ODT eller ODS, högst %(max)s MB."
        ) % {"max": documents.max_upload_size() // (1024 * 1024)}

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.upload_kind = documents.check_upload(upload)
        return upload

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline is not None and deadline < timezone.localdate():
            raise forms.ValidationError(_("Sista svarsdag kan inte ligga i det förflutna."))
        return deadline

    def clean(self):
        cleaned = super().clean()
        has_url = bool(cleaned.get("url"))
        has_file = bool(cleaned.get("upload"))
        if "upload" in self.errors or "url" in self.errors:
            return cleaned
        if has_url and has_file:
            raise forms.ValidationError(
                _("Ange antingen en länk eller en fil, inte båda."), code="both"
            )
        if not has_url and not has_file:
            raise forms.ValidationError(_("Ange en länk eller ladda upp en fil."), code="neither")
        if cleaned.get("kind") == Document.Kind.CONSULTATION:
            if not cleaned.get("deadline") and "deadline" not in self.errors:
                self.add_error("deadline", _("En remiss behöver en sista svarsdag."))
            if not cleaned.get("asked_administrations"):
                self.add_error(
                    "asked_administrations", _("Välj minst en förvaltning som ska svara.")
                )
        else:
            if cleaned.get("deadline"):
                self.add_error("deadline", _("Bara remisser har en sista svarsdag."))
            if cleaned.get("asked_administrations"):
                self.add_error(
                    "asked_administrations", _("Bara remisser har förvaltningar som ska svara.")
                )
        return cleaned


class ResponseForm(forms.Form):
    """Which asked administration's answer is marked as sent."""

    response = IdChoiceField(
        label=_("Förvaltning"),
        queryset=ConsultationResponse.objects.none(),
        error_messages={"invalid_choice": _("Den förvaltningen är inte tillfrågad i remissen.")},
    )

    def __init__(self, *args, document: Document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].queryset = document.responses.select_related("administration")  # type: ignore[attr-defined]
