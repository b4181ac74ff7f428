"""Forms of the minutes and action items. Every input goes through one of these."""

import datetime

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.prepared import Prepared
from meetings.coordination.forms import DateInput
from meetings.form_fields import IdChoiceField, NamedIdMultipleChoiceField, RowChoiceIterator
from meetings.models import ActionItem, AgendaItem, Meeting
from networks.submissions import OnceForm
from networks.versions import stale_message, version_form_field
from representatives.models import Administration, Appointment

MARKDOWN_HELP = _(
    "Markdown: **fet**, *kursiv*, listor med - och länkar som [text](https://…). "
    "HTML visas som text."
)


def _length_errors(limit_text) -> dict:
    return {"max_length": limit_text}


class SummaryForm(forms.Form):
    """The draft's summary, and the draft's version the page was rendered from (0 before the
    first save): a stale page cannot overwrite another coordinator's text."""

    version = version_form_field()
    summary = forms.CharField(
        label=_("Allmänna anteckningar"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
        error_messages=_length_errors(
            _("Högst %(limit_value)d tecken (texten har %(show_value)d).")
        ),
    )


class EntryForm(forms.Form):
    """The note and outcome of one agenda item; prefixed with the item's id (`e<id>`)."""

    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_length_errors(
            _("Högst %(limit_value)d tecken (texten har %(show_value)d).")
        ),
    )
    outcome = forms.CharField(
        label=_("Utfall"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Vad mötet kom fram till eller beslutade."),
        error_messages=_length_errors(
            _("Högst %(limit_value)d tecken (texten har %(show_value)d).")
        ),
    )


class PublishMinutesForm(forms.Form):
    correction_note = forms.CharField(
        label=_("Vad har rättats?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Krävs när minnesanteckningarna redan är publicerade: rättelsen blir en ny "
            "version och de tidigare versionerna finns kvar."
        ),
        error_messages=_length_errors(
            _("Högst %(limit_value)d tecken (texten har %(show_value)d).")
        ),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=10**6)
    # The saved draft the page showed: what is published is what the coordinator saw.
    draft_version = version_form_field()


def network_administrations(meeting: Meeting):
    """The administrations with a current seat in the meeting's network."""
    return _seated_in(meeting.network_id, timezone.localdate())


def _seated_in(network_id: int, today: datetime.date):
    """The administrations with a seat in the network on `today`."""
    seated = Appointment.objects.current(today).filter(
        network_id=network_id, administration=OuterRef("pk")
    )
    return Administration.objects.filter(Exists(seated)).order_by("name")


class ActionForm(OnceForm):
    agenda_item = IdChoiceField(
        label=_("Dagordningspunkt"),
        queryset=AgendaItem.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Välj dagordningspunkten som åtgärden kommer från."),
            "invalid_choice": _("Punkten finns inte på mötets dagordning."),
        },
    )
    title = forms.CharField(
        label=_("Vad ska göras?"),
        max_length=300,
        error_messages={
            "required": _("Skriv vad som ska göras."),
            "max_length": _("Högst %(limit_value)d tecken (texten har %(show_value)d)."),
        },
    )
    administrations = NamedIdMultipleChoiceField(
        label=_("Ansvariga förvaltningar"),
        queryset=Administration.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Välj minst en förvaltning som svarar för åtgärden."),
            "invalid_choice": _("Förvaltningen finns inte i nätverket."),
            "invalid_pk_value": _("Förvaltningen finns inte i nätverket."),
        },
    )
    due_on = forms.DateField(
        label=_("Klart senast"),
        widget=DateInput(),
        help_text=_("Som ÅÅÅÅ-MM-DD, tidigast mötesdagen."),
        error_messages={
            "required": _("Ange när åtgärden ska vara klar."),
            "invalid": _("Ange ett datum som ÅÅÅÅ-MM-DD."),
        },
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["agenda_item"].queryset = meeting.agenda_items.filter(  # type: ignore[attr-defined]
            status=AgendaItem.Status.ACCEPTED
        ).order_by("position")
        self.fields["administrations"].queryset = network_administrations(meeting)  # type: ignore[attr-defined]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate(self.meeting.starts_at):
            raise forms.ValidationError(_("Sista dag kan inte ligga före mötet."))
        if due_on.year > 2100:
            raise forms.ValidationError(_("Ange ett rimligt datum."))
        return due_on


def assignable_administrations(action: ActionItem):
    """Who an action can be given to: the administrations seated in its network now, and those
    it already has (a merged or inactive one stays until a coordinator moves it)."""
    return _assignable(action.pk, action.meeting.network_id, timezone.localdate())


def _assignable(action_id: int, network_id: int, today: datetime.date):
    # Two existence tests on each administration's own row, not a join to the action's
    # administrations made distinct again: SQLite answered the join a few times slower.
    seated = Appointment.objects.current(today).filter(
        network_id=network_id, administration=OuterRef("pk")
    )
    given = ActionItem.administrations.through.objects.filter(
        actionitem_id=action_id, administration_id=OuterRef("pk")
    )
    return Administration.objects.filter(Exists(seated) | Exists(given)).order_by("name")


# The edit form's choices and the action's own administrations by queries compiled once
# (config/prepared.py), from the queryset the field validates with: building the query of
# seats, an existence test and a union cost Django more than the database's answer.
_ASSIGNABLE_CHOICES = Prepared(
    lambda action_id, network_id, today: _assignable(action_id, network_id, today).values_list(
        "pk", "name"
    ),
    action_id=int,
    network_id=int,
    today=datetime.date,
)
_ACTION_ADMINISTRATIONS = Prepared(
    lambda action_id: ActionItem.administrations.through.objects.filter(
        actionitem_id=action_id
    ).values_list("administration_id"),
    action_id=int,
)


class ActionEditForm(forms.Form):
    """A coordinator corrects an open action: what, who answers for it, by when. Carries the
    version the page showed, so a stale page cannot overwrite someone else's correction."""

    version = version_form_field()
    title = ActionForm.base_fields["title"]
    administrations = NamedIdMultipleChoiceField(
        label=_("Ansvariga förvaltningar"),
        queryset=Administration.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=ActionForm.base_fields["administrations"].error_messages,
    )
    due_on = ActionForm.base_fields["due_on"]

    def __init__(self, *args, action: ActionItem, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": action.version,
                "title": action.title,
                "administrations": [
                    pk for (pk,) in _ACTION_ADMINISTRATIONS.rows(action_id=action.pk)
                ],
                "due_on": action.due_on,
            },
        )
        super().__init__(*args, **kwargs)
        self.action = action
        field = self.fields["administrations"]
        today = timezone.localdate()
        network_id = action.meeting.network_id
        field.iterator = RowChoiceIterator  # type: ignore[attr-defined]
        field.queryset = _assignable(action.pk, network_id, today)  # type: ignore[attr-defined]
        field.choice_rows = lambda: _ASSIGNABLE_CHOICES.rows(  # type: ignore[attr-defined]
            action_id=action.pk, network_id=network_id, today=today
        )

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("version")
        if seen is not None and seen != self.action.version:
            # Refused before any write; the conditional UPDATE in actions.edit settles races.
            self.add_error(None, stale_message(pgettext_lazy("stale record", "Åtgärden")))
        return cleaned

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate(self.action.meeting.starts_at):
            raise forms.ValidationError(_("Sista dag kan inte ligga före mötet."))
        if due_on.year > 2100:
            raise forms.ValidationError(_("Ange ett rimligt datum."))
        return due_on


class DoneForm(forms.Form):
    done_comment = forms.CharField(
        label=_("Kommentar"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad gjordes? Kommentaren visas för nätverket."),
        error_messages={
            "required": _("Skriv en kort kommentar om vad som gjordes."),
            "max_length": _("Högst %(limit_value)d tecken (texten har %(show_value)d)."),
        },
    )
