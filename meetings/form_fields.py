"""Model choice fields that refuse ids no database integer can hold.

SQLite raises OverflowError for integers beyond 64 bits in a lookup, which Django's model
choice fields do not turn into a form error: a fuzzed id would be a 500 instead of "not a valid
choice". Use them for ids that come from the browser.
"""

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from config.selects import PlainSelect, SwedishOptionsSelect

__all__ = [
    "IdChoiceField",
    "IdMultipleChoiceField",
    "NameChoiceIterator",
    "NamedIdChoiceField",
    "NamedIdMultipleChoiceField",
    "PlainSelect",
    "SwedishOptionsSelect",
    "TitleChoiceIterator",
    "TitledIdChoiceField",
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
        for pk, name in self.queryset.values_list("pk", self.label_field):
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
