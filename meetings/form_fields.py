"""Model choice fields that refuse ids no database integer can hold.

SQLite raises OverflowError for integers beyond 64 bits in a lookup, which Django's model
choice fields do not turn into a form error: a fuzzed id would be a 500 instead of "not a valid
choice". Use them for ids that come from the browser.
"""

import functools

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from config.prepared import Prepared
from config.selects import PlainSelect, SwedishOptionsSelect
from meetings.models import Goal
from networks.models import WorkArea

__all__ = [
    "IdChoiceField",
    "IdMultipleChoiceField",
    "NameChoiceIterator",
    "NamedIdChoiceField",
    "NamedIdMultipleChoiceField",
    "PlainSelect",
    "RowChoiceIterator",
    "SwedishOptionsSelect",
    "TitleChoiceIterator",
    "TitledIdChoiceField",
    "goal_choices",
    "goal_rows",
    "work_area_choices",
    "work_area_rows",
]

MAX_ID = 2**63 - 1


def _id_in_range(value) -> bool:
    """An id the database can look up: SQLite raises OverflowError for larger integers, which
    Django's model choice fields do not turn into a form error."""
    try:
        return 0 < int(str(value).strip()) <= MAX_ID
    except (TypeError, ValueError):
        return True  # not a number at all: the field itself refuses it


class IdChoiceField(forms.ModelChoiceField):
    widget = PlainSelect

    def to_python(self, value):
        if value not in self.empty_values and not _id_in_range(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else [value]:
            if not _id_in_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class NameChoiceIterator(ModelChoiceIterator):
    """The choices as (pk, name) values read from the queryset, not model instances: a few
    hundred administrations as instances cost more than the rest of the page. Each value is
    still a ModelChoiceIteratorValue (what marks a row people wrote, config/form_layout.py),
    without its instance. `label_field` names the field that is the model's `__str__`."""

    label_field = "name"

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name in self._rows():
            yield (ModelChoiceIteratorValue(pk, None), name)

    def __len__(self) -> int:
        return len(self._rows()) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self._rows())

    def _rows(self):
        """The (pk, label) rows: those the form read itself, when it did (`choice_rows`, a
        query compiled once, config/prepared.py: see `choice_rows`), else the queryset's."""
        rows = getattr(self.field, "choice_rows", None)
        if rows is None:
            return list(self.queryset.values_list("pk", self.label_field))
        if callable(rows):  # read when first shown, not when the form is made
            rows = self.field.choice_rows = rows()
        return rows


class RowChoiceIterator(ModelChoiceIterator):
    """`NameChoiceIterator`'s choices from the (pk, label) rows the field's `choice_rows()`
    reads: a query compiled once (config/prepared.py) from the queryset the field validates
    with, whose building cost more than the rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name in self.field.choice_rows():
            yield (ModelChoiceIteratorValue(pk, None), name)


class TitleChoiceIterator(NameChoiceIterator):
    """`NameChoiceIterator` for a model whose `__str__` is its `title` (a goal)."""

    label_field = "title"


class NamedIdMultipleChoiceField(IdMultipleChoiceField):
    """An `IdMultipleChoiceField` of a model whose label is its `name` (its `__str__`), whose
    choices are read as plain values (`NameChoiceIterator`). Validation reads the chosen
    instances as before."""

    iterator = NameChoiceIterator


class NamedIdChoiceField(IdChoiceField):
    """An `IdChoiceField` of a model whose label is its `name` (its `__str__`, a work area),
    whose choices are read as plain values (`NameChoiceIterator`). Validation reads the chosen
    instance."""

    iterator = NameChoiceIterator


class TitledIdChoiceField(IdChoiceField):
    """An `IdChoiceField` of a model whose label is its `title` (its `__str__`), whose choices
    are read as plain values (`TitleChoiceIterator`): a network's hundreds of goals as
    instances cost more than the rest of their form. Validation reads the chosen instance."""

    iterator = TitleChoiceIterator


def _work_areas(network_id: int) -> QuerySet:
    return WorkArea.objects.active().filter(network_id=network_id).values_list("pk", "name")


def _goals(network_id: int) -> QuerySet:
    return Goal.objects.filter(work_area__network_id=network_id).values_list("pk", "title")


_WORK_AREAS = Prepared(_work_areas, network_id=int)
_GOALS = Prepared(_goals, network_id=int)


def work_area_choices(field: forms.ModelChoiceField, network_id: int) -> None:
    """The network's current work areas as `field`'s queryset, their (pk, name) rows read by a
    query compiled once (what `NameChoiceIterator` shows): a form on a page read often."""
    field.queryset = WorkArea.objects.active().filter(network_id=network_id)
    field.choice_rows = functools.partial(_WORK_AREAS.rows, network_id=network_id)  # type: ignore[attr-defined]


def work_area_rows(network_id: int) -> list[tuple]:
    """The (pk, name) rows `work_area_choices` shows: for a form's HTML kept by its choices."""
    return _WORK_AREAS.rows(network_id=network_id)


def goal_rows(network_id: int) -> list[tuple]:
    """The (pk, title) rows `goal_choices` shows."""
    return _GOALS.rows(network_id=network_id)


def goal_choices(field: forms.ModelChoiceField, network_id: int) -> None:
    """As `work_area_choices`, for the network's goals (`TitleChoiceIterator`)."""
    field.queryset = Goal.objects.filter(work_area__network_id=network_id)
    field.choice_rows = functools.partial(_GOALS.rows, network_id=network_id)  # type: ignore[attr-defined]
