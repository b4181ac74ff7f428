"""Forms of goal steering: goals, indicators, indicator values and a goal's action plan."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from config.prepared import Prepared
from meetings.form_fields import IdChoiceField, NamedIdMultipleChoiceField, RowChoiceIterator
from meetings.goals.figures import display_number
from meetings.models import ActionItem, Goal, Indicator, Meeting
from meetings.models.goals import FIRST_YEAR, LAST_YEAR, YEARS_AFTER_TARGET
from networks.models import Network, WorkArea
from networks.submissions import OnceForm
from networks.versions import VersionedModelForm
from representatives.models import Administration

# An action for a goal is decided at one of the network's meetings of the last years or coming.
MEETING_YEARS = 2

NUMBER_ERROR = _("Ange ett tal, till exempel 1250 eller 12,5.")
YEAR_ERRORS = {
    "invalid": _("Ange ett årtal med fyra siffror, till exempel 2024."),
    "required": _("Ange ett år."),
    "min_value": _("Ange ett år mellan 1990 och 2100."),
    "max_value": _("Ange ett år mellan 1990 och 2100."),
}


class NumberField(forms.DecimalField):
    """A decimal number as Swedes write it: a decimal comma or point, spaces between thousands.

    At most 11 digits before the decimal point and 3 after (the column is 14,3).
    """

    default_error_messages = {
        "invalid": NUMBER_ERROR,
        "max_digits": _("Talet får ha högst 14 siffror."),
        "max_decimal_places": _("Talet får ha högst 3 decimaler."),
        "max_whole_digits": _("Talet får ha högst 11 siffror före decimaltecknet."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 3)
        kwargs.setdefault("error_messages", {"required": _("Ange ett värde.")})
        # A text field: a number field would refuse the decimal comma in the browser.
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # Not DecimalField's: its step and min/max belong to a number field.
        return {"inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        text = text.replace("−", "-")
        if len(text) > 40:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not number.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return display_number(value).replace("−", "-")
        return value


def year_field(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


class GoalForm(OnceForm, VersionedModelForm):
    """A coordinator's goal under one of the network's active work areas: a new one (with its
    one-time token) or an edit (with its version)."""

    target_year = year_field(_("Målår"))
    stale_subject = pgettext_lazy("stale record", "Målet")

    class Meta:
        model = Goal
        fields = ["work_area", "title", "description", "target_year"]
        field_classes = {"work_area": IdChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 4, "maxlength": 5000})}

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        areas = WorkArea.objects.active().filter(network=network)
        if self.instance.pk:
            areas = areas | WorkArea.objects.filter(pk=self.instance.work_area_id)
        self.fields["work_area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["description"].validators.append(MaxLengthValidator(5000))

    def clean_target_year(self):
        year = self.cleaned_data["target_year"]
        if self.instance.pk:
            latest_baseline = max(
                self.instance.indicators.values_list("baseline_year", flat=True), default=None
            )
            if latest_baseline is not None and year <= latest_baseline:
                raise forms.ValidationError(
                    _("Målåret måste ligga efter indikatorernas basår (%(year)s)."),
                    params={"year": latest_baseline},
                )
        return year


class IndicatorForm(OnceForm, VersionedModelForm):
    """A coordinator's indicator of a goal, and who answers for its values."""

    stale_subject = pgettext_lazy("stale record", "Indikatorn")

    baseline_year = year_field(_("Basår"))
    baseline_value = NumberField(label=_("Värde basåret"))
    target_value = NumberField(label=_("Målvärde"))
    responsible_administration = IdChoiceField(
        label=_("Ansvarig förvaltning"),
        queryset=Administration.objects.order_by("name"),
        required=False,
        empty_label=_("Ingen (bara samordnarna registrerar värden)"),
        help_text=_("Förvaltningens representant och ersättare i nätverket kan registrera värden."),
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "baseline_year",
            "baseline_value",
            "target_value",
            "direction",
            "responsible_administration",
        ]
        widgets = {"direction": forms.RadioSelect}
        help_texts = {"unit": _("Till exempel ton CO2e, procent eller kWh per kvadratmeter.")}

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("baseline_year")
        if year is not None and year >= self.goal.target_year:
            self.add_error(
                "baseline_year",
                _("Basåret måste ligga före målets målår (%(year)s).")
                % {"year": self.goal.target_year},
            )
        return cleaned


class IndicatorValueForm(forms.Form):
    """One year's value of an indicator. A second value for the same year replaces the first."""

    year = year_field(_("År"))
    value = NumberField(label=_("Värde"))
    source = forms.CharField(
        label=_("Källa"),
        max_length=300,
        required=False,
        help_text=_("Till exempel kommunens klimatbokslut."),
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, indicator: Indicator, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        today = today or timezone.localdate()
        self.last_year = min(indicator.goal.target_year + YEARS_AFTER_TARGET, today.year)
        self.fields["year"].help_text = _("Ett år från 1990 till och med %(last)s.") % {
            "last": self.last_year
        }
        self.fields["value"].label = _("Värde (%(unit)s)") % {"unit": indicator.unit}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > self.last_year:
            raise forms.ValidationError(
                _("Ange ett år mellan 1990 och %(last)s."), params={"last": self.last_year}
            )
        return year


# Unbound fields of hundreds of choices as forms/_field.html wrote them, by the form, the field,
# the rows their choices are made of and the interface language: the same HTML for every
# request until a row changes (which changes the key), and writing the choices cost more than
# the rest of the page. At most WRITTEN_FIELDS_KEPT (a few networks' lists in two languages).
_WRITTEN_FIELDS: dict[tuple, SafeString] = {}
WRITTEN_FIELDS_KEPT = 32


def written_field(form: forms.BaseForm, name: str, rows: tuple) -> SafeString:
    """The unbound `form`'s field `name`, whose choices are made of `rows` alone, as
    `{% include "forms/_field.html" with field=form.name %}` writes it."""
    key = (type(form), name, rows, get_language())
    html = _WRITTEN_FIELDS.get(key)
    if html is None:
        if len(_WRITTEN_FIELDS) >= WRITTEN_FIELDS_KEPT:
            _WRITTEN_FIELDS.clear()
        html = _WRITTEN_FIELDS[key] = SafeString(
            render_to_string("forms/_field.html", {"field": form[name]})
        )
    return html


def open_actions(network_id: int):
    """The network's open actions in no goal's plan: not every action ever decided (done ones
    and other plans' would make the list grow with the years)."""
    return (
        ActionItem.objects.filter(meeting__network_id=network_id, goal__isnull=True)
        .exclude(status=ActionItem.Status.DONE)
        .order_by("due_on", "pk")
    )


# The choices read by a query compiled once (config/prepared.py) from the same queryset the
# field validates with: a network has hundreds of open actions, and the page reads them once.
_OPEN_ACTION_CHOICES = Prepared(
    lambda network_id: open_actions(network_id).values_list("pk", "title", "due_on"),
    network_id=int,
)


class GoalActionLinkForm(forms.Form):
    """Put one of the network's actions into the goal's action plan."""

    action = IdChoiceField(label=_("Åtgärd"), queryset=ActionItem.objects.none())

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(IdChoiceField, self.fields["action"])
        # Read as plain values, each label built with one translation (before the queryset,
        # which hands the widget its choices): a network has hundreds of open actions.
        field.iterator = OpenActionChoices
        self.network_id = goal.work_area.network_id
        field.queryset = open_actions(self.network_id)
        field.help_text = _("Nätverkets öppna åtgärder som inte ingår i något måls handlingsplan.")
        field.empty_label = _("Välj en åtgärd")
        field.choice_rows = self.choice_rows  # type: ignore[attr-defined]

    def choice_rows(self) -> list[tuple]:
        """(pk, title, due_on) of the actions to choose from, read once per form."""
        if not hasattr(self, "_choice_rows"):
            if hasattr(self, "_stored_rows"):  # read by `written_action`: converted here
                rows, converters = self._stored_rows
                self._choice_rows = [
                    tuple(
                        value if convert is None else convert(value)
                        for value, convert in zip(row, converters, strict=True)
                    )
                    for row in rows
                ]
            else:
                self._choice_rows = _OPEN_ACTION_CHOICES.rows(network_id=self.network_id)
        return self._choice_rows

    @property
    def has_choices(self) -> bool:
        """Whether there is an action to choose (the field's `queryset.exists()`)."""
        if hasattr(self, "_stored_rows"):
            return bool(self._stored_rows[0])
        return bool(self.choice_rows())

    def written_action(self) -> SafeString:
        """The unbound form's action field as forms/_field.html writes it, kept per the
        choices' rows as the database gives them (`written_field`)."""
        rows, converters = _OPEN_ACTION_CHOICES.unconverted_rows(network_id=self.network_id)
        self._stored_rows = (rows, converters)
        return written_field(self, "action", tuple(rows))


class OpenActionChoices(ModelChoiceIterator):
    """The actions as "title (klart senast YYYY-MM-DD)" from (pk, title, due_on) values, not
    model instances; each value a ModelChoiceIteratorValue without its instance."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        label = str(_("%(title)s (klart senast %(due)s)"))
        for pk, title, due_on in self.field.choice_rows():
            yield (
                ModelChoiceIteratorValue(pk, None),
                label % {"title": title, "due": due_on.isoformat()},
            )


def action_meetings(network_id: int, since: datetime.datetime):
    """The network's meetings since `since` and the coming ones, not cancelled, latest first."""
    return (
        Meeting.objects.filter(network_id=network_id, starts_at__gte=since)
        .select_related("network")
        .not_cancelled()
        .order_by("-starts_at")
    )


# The choices read by queries compiled once, from the querysets the fields validate with.
_ACTION_MEETINGS = Prepared(action_meetings, network_id=int, since=datetime.datetime)
# A new action goes to an administration that still exists as such.
ACTIVE_ADMINISTRATIONS = Administration.objects.active().order_by("name")
_ACTIVE_ADMINISTRATIONS = Prepared(lambda: ACTIVE_ADMINISTRATIONS.values_list("pk", "name"))


class PreparedChoices(ModelChoiceIterator):
    """A model choice field's choices from the instances its `choice_objects()` reads (a
    compiled query of its queryset, config/prepared.py), each as ModelChoiceIterator makes it."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.field.choice_objects():
            yield self.choice(instance)


class GoalActionCreateForm(OnceForm, forms.ModelForm):
    """A new action for the goal, decided at one of the network's meetings."""

    meeting = IdChoiceField(label=_("Beslutad på mötet"), queryset=Meeting.objects.none())
    administrations = NamedIdMultipleChoiceField(
        label=_("Ansvariga förvaltningar"),
        queryset=ACTIVE_ADMINISTRATIONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en ansvarig förvaltning.")},
    )

    class Meta:
        model = ActionItem
        fields = ["meeting", "title", "administrations", "due_on"]
        widgets = {
            "due_on": forms.DateInput(format="%Y-%m-%d", attrs={"autocomplete": "off"}),
        }
        help_texts = {"due_on": _("Som ÅÅÅÅ-MM-DD.")}

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        # The meetings of the last MEETING_YEARS years and the coming ones, not the whole history.
        since = timezone.now() - datetime.timedelta(days=365 * MEETING_YEARS)
        network_id = goal.work_area.network_id
        administrations = self.fields["administrations"]
        administrations.iterator = RowChoiceIterator  # type: ignore[attr-defined]
        administrations.choice_rows = _ACTIVE_ADMINISTRATIONS.rows  # type: ignore[attr-defined]
        # Set again: it hands the widget its choices, now by the iterator above.
        administrations.queryset = ACTIVE_ADMINISTRATIONS  # type: ignore[attr-defined]
        field = cast(IdChoiceField, self.fields["meeting"])
        field.iterator = PreparedChoices
        field.queryset = action_meetings(network_id, since)
        field.empty_label = _("Välj möte")
        field.choice_objects = lambda: _ACTION_MEETINGS.objects(  # type: ignore[attr-defined]
            network_id=network_id, since=since
        )

    def written_administrations(self) -> SafeString:
        """The unbound form's administrations as forms/_field.html writes them, kept per the
        administrations' rows (`written_field`)."""
        rows = _ACTIVE_ADMINISTRATIONS.rows()
        self.fields["administrations"].choice_rows = lambda: rows  # type: ignore[attr-defined]
        return written_field(self, "administrations", tuple(rows))

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("Ange ett datum som inte har passerat."))
        if due_on.year > LAST_YEAR:
            raise forms.ValidationError(_("Ange ett datum före år 2100."))
        return due_on
