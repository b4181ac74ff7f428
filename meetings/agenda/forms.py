"""Forms of the agenda workflow. Every input goes through one of these."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from meetings.agenda.workflow import DEFERRAL_REFUSED, DOWN, UP
from meetings.form_fields import (
    NamedIdChoiceField,
    PlainSelect,
    TitledIdChoiceField,
    goal_choices,
    work_area_choices,
)
from meetings.models import AgendaItem, Goal, Meeting
from networks.models import WorkArea
from networks.submissions import OnceForm

MINUTES_ERRORS = {
    "min_value": _("Ange mellan 1 och 120 minuter."),
    "max_value": _("Ange mellan 1 och 120 minuter."),
    "invalid": _("Ange ett heltal mellan 1 och 120."),
    "required": _("Ange hur många minuter punkten behöver."),
}
TITLE_ERRORS = {
    "required": _("Skriv en rubrik."),
    "max_length": _("Rubriken får vara högst %(limit_value)d tecken (den har %(show_value)d)."),
}


class ProposalForm(OnceForm, forms.ModelForm):
    """A representative's proposal (new, with its one-time token, or edited)."""

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "description",
            "kind",
            "wished_minutes",
            "work_area",
            "is_management_question",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "description": _("Vad vill ni ta upp, och vad vill ni ha ut av punkten?"),
            "wished_minutes": _("1–120 minuter."),
            "is_management_question": _("Kryssa i om frågan kommer från er ledningsgrupp."),
        }
        error_messages = {"title": TITLE_ERRORS, "wished_minutes": MINUTES_ERRORS}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_area"].queryset = WorkArea.objects.active().filter(network=network)
        self.fields["work_area"].empty_label = _("Inget särskilt")
        self.fields["work_area"].required = False
        # A goal follow-up is the coordinators' to put on the agenda (with its goal).
        self.fields["kind"].choices = [
            choice
            for choice in self.fields["kind"].choices
            if choice[0] != AgendaItem.Kind.GOAL_FOLLOW_UP
        ]
        self.fields["wished_minutes"].min_value = 1
        self.fields["wished_minutes"].widget.attrs.update({"min": 1, "max": 120})
        # Setting max_length after construction adds no validator; add it explicitly.
        self.fields["description"].max_length = 5000
        self.fields["description"].validators.append(MaxLengthValidator(5000))
        self.fields["description"].widget.attrs["maxlength"] = 5000


class OwnItemForm(OnceForm):
    """A coordinator's own item, straight onto the agenda."""

    title = forms.CharField(label=_("Rubrik"), max_length=200, error_messages=TITLE_ERRORS)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(label=_("Typ"), choices=AgendaItem.Kind.choices)
    allotted_minutes = forms.IntegerField(
        label=_("Tid (minuter)"), min_value=1, max_value=120, error_messages=MINUTES_ERRORS
    )
    presenter = forms.CharField(label=_("Föredragande"), max_length=200, required=False)
    work_area = NamedIdChoiceField(
        label=_("Arbetsområde"),
        queryset=WorkArea.objects.none(),
        required=False,
        empty_label=_("Inget särskilt"),
    )
    goal = TitledIdChoiceField(
        label=_("Mål att följa upp"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("Inget"),
        help_text=_("Bara för måluppföljning: målets aktuella siffror visas i dagordningen."),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        # Both lists read by queries compiled once: the form is on the agenda workspace, read
        # after every change a coordinator makes there.
        work_area_choices(self.fields["work_area"], network.pk)
        goal_choices(self.fields["goal"], network.pk)

    def clean(self):
        cleaned = super().clean()
        follow_up = cleaned.get("kind") == AgendaItem.Kind.GOAL_FOLLOW_UP
        if follow_up and not cleaned.get("goal") and "goal" not in self.errors:
            self.add_error("goal", _("Välj vilket mål som ska följas upp."))
        if not follow_up:
            cleaned["goal"] = None
        return cleaned


class TriageForm(forms.Form):
    ACCEPT, DEFER, DECLINE = "accept", "defer", "decline"

    action = forms.ChoiceField(
        label=_("Beslut"),
        widget=forms.RadioSelect,
        choices=[
            (ACCEPT, _("Acceptera")),
            (DEFER, _("Flytta till senare möte")),
            (DECLINE, _("Avböj")),
        ],
        error_messages={"required": _("Välj om förslaget ska accepteras, flyttas eller avböjas.")},
    )
    reason = forms.CharField(
        label=_("Motivering till förslagsställaren"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs när du avböjer. Skickas med e-post."),
    )
    to_meeting = forms.TypedChoiceField(
        label=_("Flytta till"),
        widget=PlainSelect(written=True),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": DEFERRAL_REFUSED},
    )

    def __init__(self, *args, targets: list[Meeting], **kwargs):
        # The targets come in as a list, evaluated once for all the forms on the page.
        super().__init__(*args, **kwargs)
        self.targets = {meeting.pk: meeting for meeting in targets}
        self.fields["to_meeting"].choices = [("", _("Välj möte"))] + [  # type: ignore[attr-defined]
            (meeting.pk, str(meeting)) for meeting in targets
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_meeting"):
            cleaned["to_meeting"] = self.targets[cleaned["to_meeting"]]
        action = cleaned.get("action")
        if action == self.DECLINE and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Skriv varför förslaget avböjs."))
        if action == self.DEFER and not cleaned.get("to_meeting"):
            self.add_error("to_meeting", _("Välj vilket möte punkten ska flyttas till."))
        return cleaned


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[(UP, UP), (DOWN, DOWN)])
    position = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class TimeForm(forms.Form):
    allotted_minutes = forms.IntegerField(
        label=_("Tid (minuter)"), min_value=1, max_value=120, error_messages=MINUTES_ERRORS
    )
    presenter = forms.CharField(label=_("Föredragande"), max_length=200, required=False)


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("Vad har ändrats?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs från version 2. Står i e-posten till representanterna."),
    )
    based_on = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
