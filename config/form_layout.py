"""The one form layout (templates/forms/): which shape a field takes and how wide its control is.

A template library, built in for every template (settings.TEMPLATES), used by
templates/forms/_field.html. Widths follow the length of what is typed, as in the GOV.UK Design
System: a date or a number is narrow, a name medium, a sentence long, free text the full column.
A form can choose another width with the widget attribute `data-width` (one of WIDTHS).
"""

import copy

from django import forms, template
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.renderers import TemplatesSetting

register = template.Library()

WIDTHS = ("narrow", "short", "medium", "long", "full", "auto")
NARROW_INPUTS = ("date", "time", "datetime-local", "number")
NARROW_WIDGETS = (forms.DateInput, forms.TimeInput, forms.DateTimeInput, forms.NumberInput)


class FormRenderer(TemplatesSetting):
    """Django's renderer with the project's templates, and the shared layout as the form and field
    templates: `{{ form }}` and `{{ field.as_field_group }}` render through templates/forms/."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/_field.html"


@register.filter
def field_shape(field: BoundField) -> str:
    """hidden, group (choices in a fieldset with a legend), checkbox, or control (one labelled
    input, select or textarea)."""
    if field.is_hidden:
        return "hidden"
    if field.field.widget.use_fieldset:
        return "group"
    if field.widget_type == "checkbox":
        return "checkbox"
    return "control"


@register.filter
def field_width(field: BoundField) -> str:
    """The width class of a control: from the widget's `data-width`, else its type and length."""
    widget = field.field.widget
    chosen = widget.attrs.get("data-width")
    if chosen in WIDTHS:
        return chosen
    if isinstance(widget, forms.Textarea):
        return "full"
    if isinstance(widget, (forms.Select, forms.FileInput)):
        return "auto"
    input_type = getattr(widget, "input_type", "")
    if input_type in NARROW_INPUTS or isinstance(widget, NARROW_WIDGETS):
        return "narrow"
    if input_type in ("email", "url"):
        return "long"
    max_length = getattr(field.field, "max_length", None) or 0
    if max_length and max_length <= 12:
        return "short"
    if max_length and max_length <= 60:
        return "medium"
    return "long"


@register.simple_tag
def form_copy(
    form: forms.BaseForm, prefix: str, key: object = "", **initial: object
) -> forms.BaseForm:
    """An unbound copy of `form` under another prefix, with its own initial values: the fields of
    a list's many rows (one per item) from one blank form, without building a form per row (the
    fields, their choices included, are shared, not deep-copied). The prefix is `prefix` + `key`."""
    row = copy.copy(form)
    row.prefix = f"{prefix}{key}"
    row.initial = initial
    row._bound_fields_cache = {}  # type: ignore[attr-defined]
    return row


@register.filter
def field_options(field: BoundField) -> list[BoundWidget]:
    """The choices of a group, each tied to the group's error as well (aria-describedby): Django
    puts the description on the fieldset only, which not every screen reader reads on a choice."""
    options = list(field.subwidgets)
    if not field.errors or not field.auto_id:
        return options
    error_id = f"{field.auto_id}_error"
    for option in options:
        option.data = {
            **option.data,
            "attrs": {**option.data["attrs"], "aria-describedby": error_id},
        }
    return options
