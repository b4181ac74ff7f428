"""The coordinators' forms: plan a term, edit a meeting, publish, move and cancel it."""

import datetime
from typing import cast
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.coordination.planning import Slot, parse_term, selectable_terms, term_value
from meetings.form_fields import IdMultipleChoiceField
from meetings.models import Meeting, MeetingStateError, StaleMeetingError, check_meeting_times
from meetings.terms import Term
from networks.history import unrecorded
from networks.models import WorkArea
from networks.submissions import OnceForm

WEEKDAYS = [
    (0, _("måndag")),
    (1, _("tisdag")),
    (2, _("onsdag")),
    (3, _("torsdag")),
    (4, _("fredag")),
]


def _combine(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, ZoneInfo(settings.TIME_ZONE))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%H:%M", **kwargs)


def online_url_field() -> forms.URLField:
    return forms.URLField(
        label=_("Länk till digitalt möte"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[
            URLValidator(
                schemes=["https", "http"],
                message=_("Ange en fullständig webbadress som börjar med https://."),
            )
        ],
        error_messages={"invalid": _("Ange en fullständig webbadress som börjar med https://.")},
    )


class TermForm(forms.Form):
    """Which term to plan, and how the proposal should look (sent with GET)."""

    term = forms.ChoiceField(label=_("Termin"))
    count = forms.IntegerField(label=_("Antal möten"), min_value=1, max_value=8)
    weekday = forms.TypedChoiceField(label=_("Veckodag"), choices=WEEKDAYS, coerce=int)
    start_time = forms.TimeField(label=_("Starttid"), widget=TimeInput())

    def __init__(self, *args, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["term"].choices = [(term_value(t), str(t)) for t in selectable_terms(today)]  # type: ignore[attr-defined]

    def clean_term(self) -> Term:
        return clean_term_value(self.cleaned_data["term"], self.today)


def clean_term_value(value: str, today: datetime.date) -> Term:
    term = parse_term(value)
    if term is None:
        raise forms.ValidationError(_("Välj en termin i listan."))
    if term.last_day < today:
        raise forms.ValidationError(_("Terminen har redan passerat; välj en kommande termin."))
    if term not in selectable_terms(today):
        raise forms.ValidationError(_("Du kan planera innevarande och de två närmaste terminerna."))
    return term


class PlannedMeetingForm(forms.Form):
    """One row of the term plan."""

    date = forms.DateField(label=_("Datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Börjar"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Slutar"), widget=TimeInput())
    place = forms.CharField(label=_("Plats"), max_length=300, required=False)
    format = forms.ChoiceField(
        label=_("Mötesform"), choices=Meeting.Format.choices, initial=Meeting.Format.ON_SITE
    )
    online_url = online_url_field()

    def __init__(self, *args, term: Term | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.term = term

    def clean(self) -> dict:
        data = cast(dict, super().clean())
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day is None or start is None or end is None:
            return data
        if self.term and not self.term.first_day <= day <= self.term.last_day:
            self.add_error("date", _("Datumet ligger utanför %(term)s.") % {"term": self.term})
            return data
        try:
            check_meeting_times(_combine(day, start), _combine(day, end))
        except MeetingStateError as error:
            self.add_error("end_time" if end <= start else "date", error.message)
        return data

    def slot(self) -> Slot:
        data = self.cleaned_data
        return Slot(
            starts_at=_combine(data["date"], data["start_time"]),
            ends_at=_combine(data["date"], data["end_time"]),
            place=data["place"],
            format=data["format"],
            online_url=data["online_url"],
        )


class SingleMeetingForm(OnceForm, PlannedMeetingForm):
    """One extra meeting besides the term plan ("Nytt möte"): the same checks as a row of the
    plan, in one of the terms that can be planned, with the one-time token of a create form."""

    def __init__(self, *args, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.terms = selectable_terms(today)

    def clean(self) -> dict:
        data = super().clean()
        day = data.get("date")
        if day is not None and not any(t.first_day <= day <= t.last_day for t in self.terms):
            self.add_error(
                "date",
                _("Du kan lägga ett möte senast %(last)s (de tre terminer som kan planeras).")
                % {"last": self.terms[-1].last_day.isoformat()},
            )
        return data


class BasePlanFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not self.slots():
            raise forms.ValidationError(_("Lägg till minst ett möte."))

    def slots(self) -> list[Slot]:
        return [
            form.slot()
            for form in self.forms
            if form.has_changed() and form.is_valid() and not self._should_delete_form(form)  # type: ignore[attr-defined]
        ]


PlanFormSet = forms.formset_factory(
    PlannedMeetingForm,
    formset=BasePlanFormSet,
    extra=1,
    can_delete=True,
    max_num=8,
    validate_max=True,
    absolute_max=8,
)


def check_version(form: forms.BaseForm, current_version: int | None) -> None:
    """Refuse a form rendered from an older (or made-up) version of the meeting before any
    write is tried. The conditional UPDATE in `Meeting.save_changes` still settles races."""
    version = form.cleaned_data.get("version")
    if current_version is not None and version is not None and version != current_version:
        form.add_error(None, StaleMeetingError().message)


class VersionedForm(forms.Form):
    """Carries the meeting version the form was rendered from (the optimistic lock)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, current_version: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current_version = current_version

    def clean(self) -> dict:
        data = cast(dict, super().clean())
        check_version(self, self.current_version)
        return data


class MeetingForm(forms.ModelForm):
    """Edit a meeting's facts and theme. Times are edited here only while it is planned."""

    date = forms.DateField(label=_("Datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Börjar"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Slutar"), widget=TimeInput())
    online_url = online_url_field()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # After save(): which of the meeting's calendar fields (CALENDAR_FIELDS) really changed.
    calendar_changes: set[str]

    class Meta:
        model = Meeting
        fields = ["place", "format", "online_url", "theme_title", "theme_description", "work_areas"]
        field_classes = {"work_areas": IdMultipleChoiceField}
        widgets = {
            "work_areas": forms.CheckboxSelectMultiple,
            "theme_description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, instance: Meeting, **kwargs) -> None:
        local_start = timezone.localtime(instance.starts_at)
        initial = {
            "date": local_start.date(),
            "start_time": local_start.time(),
            "end_time": timezone.localtime(instance.ends_at).time(),
            "version": instance.version,
        }
        super().__init__(*args, instance=instance, initial=initial, **kwargs)  # type: ignore[misc]
        # The model's TextField has no limit; the form keeps the theme to a readable size.
        self.fields["theme_description"].max_length = 5000  # type: ignore[attr-defined]
        self.fields["theme_description"].validators.append(MaxLengthValidator(5000))
        self.fields["theme_description"].widget.attrs["maxlength"] = 5000
        # Archived areas drop out of the choices but stay on the meetings that have them.
        self.fields["work_areas"].queryset = WorkArea.objects.filter(  # type: ignore[attr-defined]
            Q(network=instance.network_id, archived_at__isnull=True) | Q(meetings=instance)
        ).distinct()
        if not self.times_editable:
            for name in ("date", "start_time", "end_time"):
                del self.fields[name]

    @property
    def times_editable(self) -> bool:
        return self.instance.status == Meeting.Status.PLANNED

    def clean(self) -> dict:
        data = cast(dict, super().clean())
        check_version(self, self.instance.version)
        if not self.times_editable:
            return data
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day is None or start is None or end is None:
            return data
        if not {"date", "start_time", "end_time"} & set(self.changed_data):
            return data
        try:
            check_meeting_times(_combine(day, start), _combine(day, end))
        except MeetingStateError as error:
            self.add_error("end_time" if end <= start else "date", error.message)
        return data

    def _post_clean(self) -> None:
        # Untouched times stay as stored: a meeting that runs past midnight (made in the admin)
        # has an end "before" its start on the form's one date, and rebuilding it would fail.
        times_changed = {"date", "start_time", "end_time"} & set(self.changed_data)
        if self.times_editable and not self.errors and times_changed:
            data = self.cleaned_data
            self.instance.starts_at = _combine(data["date"], data["start_time"])
            self.instance.ends_at = _combine(data["date"], data["end_time"])
        super()._post_clean()  # type: ignore[misc]

    def save(self, commit: bool = True) -> Meeting:
        """Save through the version check; raises StaleMeetingError if someone saved meanwhile."""
        meeting = self.instance
        meeting.version = self.cleaned_data["version"]
        fields = ["place", "format", "online_url", "theme_title", "theme_description"]
        changed = {name for name in self.changed_data if name in [*fields, "work_areas"]}
        if self.times_editable:
            fields += ["starts_at", "ends_at"]
            if {"date", "start_time", "end_time"} & set(self.changed_data):
                changed |= {"starts_at", "ends_at"}
        # The areas first, unrecorded: the history row save_changes writes holds the whole
        # edit. A stale version raises there, and the view's transaction undoes the areas too.
        with unrecorded(meeting):
            meeting.work_areas.set(self.cleaned_data["work_areas"])
        meeting.save_changes(fields, changed=changed)
        self.calendar_changes = changed
        return meeting


class RescheduleForm(VersionedForm):
    date = forms.DateField(label=_("Nytt datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Börjar"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Slutar"), widget=TimeInput())
    place = forms.CharField(label=_("Plats"), max_length=300, required=False)

    def clean(self) -> dict:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day is None or start is None or end is None:
            return data
        try:
            check_meeting_times(_combine(day, start), _combine(day, end))
        except MeetingStateError as error:
            self.add_error("end_time" if end <= start else "date", error.message)
        else:
            data["starts_at"] = _combine(day, start)
            data["ends_at"] = _combine(day, end)
        return data


class CancelForm(VersionedForm):
    reason = forms.CharField(
        label=_("Anledning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Skickas till alla representanter och ersättare i nätverket."),
        error_messages={"required": _("Ange varför mötet ställs in.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Ange varför mötet ställs in."))
        return reason


class PublishForm(VersionedForm):
    pass
