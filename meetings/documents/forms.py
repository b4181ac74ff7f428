from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.documents import workflow as documents
from meetings.form_fields import IdChoiceField, IdMultipleChoiceField
from meetings.models import AgendaItem, ConsultationResponse, Document, Meeting
from networks.models import Network, WorkArea
from networks.submissions import OnceForm
from networks.versions import VersionedModelForm, version_form_field
from representatives.models import Administration


class AgendaItemLabel(IdChoiceField):
    def label_from_instance(self, obj) -> str:
        day = timezone.localtime(obj.meeting.starts_at).date().isoformat()
        return f"{day}: {obj.title}"


class PresentedUnderItem(forms.ModelForm):
    """The agenda item a document is presented under: an accepted item of a coming meeting of
    the network (or the one it already has); it must be an item of the chosen meeting, which
    it fills in when left empty."""

    def _agenda_items(self, network: Network, current: int | None) -> None:
        field = self.fields["agenda_item"]
        items = AgendaItem.objects.filter(
            meeting__network=network,
            status=AgendaItem.Status.ACCEPTED,
            meeting__starts_at__gte=timezone.now(),
        )
        if current is not None:
            items = items | AgendaItem.objects.filter(pk=current)
        field.queryset = items.select_related("meeting").order_by(  # type: ignore[attr-defined]
            "meeting__starts_at", "position", "pk"
        )
        field.required = False
        field.help_text = _("Om dokumentet hör till en viss punkt på mötets dagordning.")

    def clean(self):
        cleaned = super().clean()
        item = cleaned.get("agenda_item")
        if item is None or "meeting" in self.errors:
            return cleaned
        meeting = cleaned.get("meeting")
        if meeting is None:
            cleaned["meeting"] = item.meeting
        elif meeting.pk != item.meeting_id:
            self.add_error("agenda_item", _("Punkten hör till ett annat möte än det valda."))
        return cleaned


class DocumentForm(OnceForm, PresentedUnderItem):
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
        fields = ["title", "kind", "url", "work_areas", "meeting", "agenda_item", "deadline"]
        field_classes = {
            "work_areas": IdMultipleChoiceField,
            "meeting": IdChoiceField,
            "agenda_item": AgendaItemLabel,
        }
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
        self._agenda_items(network, None)
        self.fields["meeting"].required = False
        # A new consultation asks administrations that still exist as such.
        self.fields["asked_administrations"].queryset = Administration.objects.active().order_by(  # type: ignore[attr-defined]
            "name"
        )
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


# A text field, not type="date" (see DocumentForm).
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"autocomplete": "off"})


class DocumentEditForm(VersionedModelForm, PresentedUnderItem):
    """A coordinator corrects a document: its title, link, work areas, the meeting where it is
    presented, a consultation's deadline and a governance document's drafting status.

    The kind and an uploaded file stay as they were (a consultation's asked administrations
    and answers hang on its kind)."""

    stale_subject = documents.DOCUMENT

    url = forms.URLField(label=_("Länk"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Document
        fields = [
            "title",
            "url",
            "work_areas",
            "meeting",
            "agenda_item",
            "deadline",
            "drafting_status",
            "drafting_since",
            "consultation_since",
            "decided_on",
        ]
        field_classes = {
            "work_areas": IdMultipleChoiceField,
            "meeting": IdChoiceField,
            "agenda_item": AgendaItemLabel,
        }
        widgets = {
            "work_areas": forms.CheckboxSelectMultiple,
            "deadline": DATE_WIDGET,
            "drafting_since": DATE_WIDGET,
            "consultation_since": DATE_WIDGET,
            "decided_on": DATE_WIDGET,
        }
        help_texts = {
            "deadline": _("Sista dag för förvaltningarnas svar, som ÅÅÅÅ-MM-DD."),
            "drafting_status": _(
                "För ett styrdokument som tas fram: under framtagande, på remiss, beslutat."
            ),
            "drafting_since": _("ÅÅÅÅ-MM-DD"),
            "consultation_since": _("ÅÅÅÅ-MM-DD"),
            "decided_on": _("ÅÅÅÅ-MM-DD"),
        }

    # Each drafting step and the date field that says when it was reached, in order.
    STEP_DATES = [
        (Document.Drafting.DRAFTING, "drafting_since"),
        (Document.Drafting.CONSULTATION, "consultation_since"),
        (Document.Drafting.DECIDED, "decided_on"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        document = self.instance
        network = document.network
        areas = WorkArea.objects.active().filter(network=network)
        self.fields["work_areas"].queryset = areas | WorkArea.objects.filter(
            pk__in=document.work_areas.values("pk")
        )
        self.fields["meeting"].queryset = Meeting.objects.filter(network=network).order_by(
            "-starts_at"
        )
        self.fields["meeting"].required = False
        self._agenda_items(network, document.agenda_item_id)
        if document.has_file:
            del self.fields["url"]  # the file stays; a link beside it is not allowed
        else:
            self.fields["url"].required = True
        if not document.is_consultation:
            del self.fields["deadline"]
        else:
            self.fields["deadline"].required = True
        if document.kind != Document.Kind.STEERING:
            for name in ["drafting_status", *(field for _step, field in self.STEP_DATES)]:
                del self.fields[name]

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        moved = deadline != self.instance.deadline
        if deadline is not None and moved and deadline < timezone.localdate():
            raise forms.ValidationError(_("Sista svarsdag kan inte ligga i det förflutna."))
        return deadline

    def clean(self):
        cleaned = super().clean()
        if "drafting_status" not in self.fields or "drafting_status" in self.errors:
            return cleaned
        status = cleaned.get("drafting_status") or ""
        steps = [step for step, _field in self.STEP_DATES]
        reached = steps.index(status) if status else -1
        previous = None
        for index, (_step, name) in enumerate(self.STEP_DATES):
            if name in self.errors:
                continue
            day = cleaned.get(name)
            if index == reached and day is None:
                self.add_error(name, _("Ange när dokumentet nådde det här steget."))
            elif index > reached and day is not None:
                self.add_error(name, _("Dokumentet har inte nått det här steget än."))
            elif day is not None and previous is not None and day < previous:
                self.add_error(name, _("Datumet kan inte ligga före det föregående steget."))
            if day is not None:
                previous = day
        return cleaned


class WithdrawForm(forms.Form):
    """Why a document is withdrawn, and the version of the page the coordinator read."""

    reason = forms.CharField(
        label=_("Skäl"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_("Visas på dokumentets sida, till exempel att det ersatts av ett nyare."),
    )
    version = version_form_field()
