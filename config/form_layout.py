"""The one form layout (templates/forms/): which shape a field takes and how wide its control is.

A template library, built in for every template (settings.TEMPLATES), used by
templates/forms/_field.html. Widths follow the length of what is typed, as in the GOV.UK Design
System: a date or a number is narrow, a name medium, a sentence long, free text the full column.
A form can choose another width with the widget attribute `data-width` (one of WIDTHS).
"""

import copy
import functools
import html
from collections.abc import Callable
from typing import cast

from django import forms, template
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.models import ModelChoiceIteratorValue
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import ChoiceWidget
from django.template import engines
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language

from config.content_language import CONTENT_LANGUAGE, interface_is_swedish

register = template.Library()

WIDTHS = ("narrow", "short", "medium", "long", "full", "auto")
NARROW_INPUTS = ("date", "time", "datetime-local", "number")
NARROW_WIDGETS = (forms.DateInput, forms.TimeInput, forms.DateTimeInput, forms.NumberInput)


WIDGETS = "django/forms/widgets/"
# Django's widget templates that only include input.html, and the choice templates that do so
# when the label is not wrapped around the input (templates/forms/_field.html writes the label).
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input", "text", "number", "email", "url", "password", "hidden", "search", "tel",
        "date", "datetime", "time", "checkbox",
    )
)  # fmt: skip
OPTION_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html" for name in ("radio_option", "checkbox_option")
)


def _text(value: object) -> str:
    """`{{ value|stringformat:'s' }}` under autoescaping. Django's `escape` is `html.escape`
    behind a lazy-string wrapper, which cost more than the escaping in a field of hundreds of
    choices; the text is the same."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """Django's attrs.html: True bare, False left out, the rest escaped."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """Django's input.html for a widget's (or a choice's) context."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


class FormRenderer(TemplatesSetting):
    """Django's renderer with the project's templates, and the shared layout as the form and field
    templates: `{{ form }}` and `{{ field.as_field_group }}` render through templates/forms/.

    The simplest widgets (an <input>, a <textarea>, a choice's input) are written in Python: the
    same HTML as Django's templates (tests/project/test_form_rendering.py), without three
    template renders each, which made a page of a hundred rows' fields cost tens of
    milliseconds (the agenda workspace)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/_field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            is_input = template_name in INPUT_TEMPLATES
            if is_input or (template_name in OPTION_TEMPLATES and not widget.get("wrap_label")):
                return _input(widget)
            if template_name == f"{WIDGETS}select.html" and _plain_options(widget):
                return _select(widget)
            if template_name == f"{WIDGETS}textarea.html":
                text = conditional_escape(widget["value"]) if widget["value"] else ""
                return (
                    f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
                    f"{text}</textarea>"
                )
        return super().render(template_name, context, request)


SELECT_OPTION = f"{WIDGETS}select_option.html"


def _plain_options(widget: dict) -> bool:
    """Whether every option is drawn by the (project's) select_option.html, which `_select`
    writes; another option template goes Django's way."""
    return all(
        option["template_name"] == SELECT_OPTION
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _select(widget: dict) -> str:
    """Django's select.html and the project's select_option.html (a row people wrote, a model
    instance, is marked Swedish in another interface language), written in Python: a template
    include per option made a form's few selects cost milliseconds
    (tests/project/test_form_rendering.py compares the two)."""
    marked = "" if interface_is_swedish() else f' lang="{CONTENT_LANGUAGE}"'
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            value = option["value"]
            parts.append(
                f'\n  <option value="{_text(value)}"{_attrs(option["attrs"])}'
                f"{marked if getattr(value, 'instance', None) else ''}>"
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


@register.simple_tag(takes_context=True)
def form_field(context, field: BoundField) -> SafeString:
    """templates/forms/_field.html's layout written in Python (the template now only calls this):
    a page of many fields (the agenda workspace has 75) spent most of its time in the
    template's per-field tags. Reads the include's optional context as the template did:
    field_label, field_context, label_hidden (and exclude_choice, empty_text for a group, in
    `field_option_rows`). tests/project/test_form_rendering.py compares it with the template
    it replaced, byte for byte."""
    shape = field_shape(field)
    if shape == "hidden":
        return SafeString(str(field))
    label = conditional_escape(context.get("field_label") or field.label)
    about = context.get("field_context")
    if about:
        label += format_html('<span class="visually-hidden">: {}</span>', about)
    hidden_label = ' class="visually-hidden"' if context.get("label_hidden") else ""
    errors = field.errors
    has_error = " has-error" if errors else ""
    errors_html = str(errors) if errors else ""
    name = _text(field.name)
    help_html = (
        f'<p class="helptext" id="{_text(field.auto_id)}_helptext">{field.help_text}</p>'
        if field.help_text
        else ""
    )
    if shape == "group":
        described = field.aria_describedby
        described_attr = f' aria-describedby="{_text(described)}"' if described else ""
        html = (
            f'\n<fieldset id="{_text(field.auto_id)}" tabindex="-1"{described_attr} '
            f'class="field field-group{has_error}" data-form-field="{name}">\n'
            f"  <legend{hidden_label}>{label}</legend>\n"
            f"  {help_html}\n"
            f"  {errors_html}\n"
            f"  {field_option_rows(context, field)}\n"
            "</fieldset>\n"
        )
    elif shape == "checkbox":
        html = (
            f'\n<div class="field field-checkbox{has_error}" data-form-field="{name}">\n'
            f"  {errors_html}\n"
            f'  <div class="field-option">{field} <label for="{_text(field.id_for_label)}"'
            f"{hidden_label}>{label}</label></div>\n"
            f"  {help_html}\n"
            "</div>\n"
        )
    else:
        html = (
            f'\n<div class="field field-{field_width(field)}{has_error}" '
            f'data-form-field="{name}">\n'
            f'  <label for="{_text(field.id_for_label)}"{hidden_label}>{label}</label>\n'
            f"  {help_html}\n"
            f"  {errors_html}\n"
            f"  {field}\n"
            "</div>\n"
        )
    return mark_safe(html)  # noqa: S308 (every value above is escaped or already safe)


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


@register.simple_tag(takes_context=True)
def field_option_rows(context, field: BoundField) -> SafeString:
    """A group's choices, each `<div class="field-option">` with its input and label, written in
    Python: what templates/forms/_field.html wrote with a loop (the loop is kept in the tests),
    without a template pass per choice, which made a field of a few hundred choices (the
    administrations an action is given to) cost tens of milliseconds.

    Reads `exclude_choice` and `empty_text` from the include's context, as the loop did."""
    exclude = context.get("exclude_choice")
    swedish = interface_is_swedish()
    options = _plain_choices(field)
    if options is None:
        options = _bound_options(field)
    rows = []
    for option_id, value, label, tag in options:
        if exclude is not None and str(value) == exclude:
            continue
        text: str
        # What people wrote (a model's rows) is Swedish whatever the interface language.
        if isinstance(value, ModelChoiceIteratorValue) and not swedish and label not in ("", None):
            text = format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, label)
        else:
            text = conditional_escape(label) if hasattr(label, "__html__") else _text(label)
        rows.append(
            f'<div class="field-option">{tag if isinstance(tag, str) else tag()} '
            f'<label for="{_text(option_id)}">{text}</label></div>'
        )
    if not options:
        empty = context.get("empty_text")
        if empty:
            return format_html("<p>{}</p>", empty)
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)


def _bound_options(field: BoundField) -> list[tuple]:
    """Each choice's (label id, value, label, input), from Django's subwidgets
    (`field_options`); the input is written only when asked for."""
    return [
        (option.id_for_label, option.data["value"], option.data["label"], option.tag)
        for option in field_options(field)
    ]


def _plain_choices(field: BoundField) -> list[tuple] | None:
    """What `_bound_options` gives, for a radio or checkbox list of ungrouped choices written
    by FormRenderer: computed as Django's BoundField.subwidgets, ChoiceWidget.optgroups and
    create_option, `field_options` and input.html do, with what every choice shares written
    once (a field of hundreds of choices); None for anything else (Django's own path then)."""
    widget = field.field.widget
    kind = type(widget)
    if not (
        isinstance(field.form.renderer, FormRenderer)
        and isinstance(widget, ChoiceWidget)
        and widget.option_template_name in OPTION_TEMPLATES
        and widget.option_inherits_attrs
        and kind.optgroups is ChoiceWidget.optgroups
        and kind.create_option is ChoiceWidget.create_option
        and kind.subwidgets is ChoiceWidget.subwidgets
    ):
        return None
    # Not list(): it asks a model choice iterator its length, a COUNT query.
    choices = [choice for choice in widget.choices]  # noqa: C416
    if any(isinstance(label, (list, tuple)) for _value, label in choices):
        return None
    id_ = widget.attrs.get("id") or field.auto_id
    base = widget.build_attrs(widget.attrs, field.build_widget_attrs({"id": id_} if id_ else {}))
    described = f"{field.auto_id}_error" if field.errors and field.auto_id else None
    checked = widget.checked_attribute
    if "checked" in base or "aria-describedby" in base or list(checked) != ["checked"]:
        return None  # attributes whose order the shortcut below does not keep
    # The attributes before and after the id, which alone differs from choice to choice;
    # `checked` and the error's aria-describedby are added after them, as update() does.
    keys = list(base)
    at = keys.index("id") if "id" in keys else len(keys)
    before = _attrs({key: base[key] for key in keys[:at]})
    after = _attrs({key: base[key] for key in keys[at + 1 :]})
    base_id, has_id = base.get("id", ""), "id" in base
    tail = after
    checked_text = _attrs(checked)
    error_text = f' aria-describedby="{_text(described)}"' if described else ""
    head = f'<input type="{_text(widget.input_type)}" name="{_text(field.html_name)}"'
    values = widget.format_value(field.value())
    multiple = widget.allow_multiple_selected
    has_selected = False
    options = []
    for index, (value, label) in enumerate(choices):
        if value is None:
            value = ""
        selected = (not has_selected or multiple) and str(value) in values
        has_selected |= selected
        option_id = widget.id_for_label(base_id, str(index)) if has_id else None
        id_text = f' id="{_text(option_id)}"' if has_id else ""
        tag = (
            f'{head} value="{_text(value)}"{before}{id_text}{tail}'
            f"{checked_text if selected else ''}{error_text}>"
        )
        options.append((option_id, value, label, tag))
    return options


# Stand-ins for a row's key and context in a stamped field: private-use characters no one types.
ROW_MARK, CONTEXT_MARK = "\ue010", "\ue011"


def field_stamp(
    form: forms.BaseForm, prefix: str, name: str
) -> Callable[[object, object], SafeString]:
    """The field `name` of a blank `form` rendered once (forms/_field.html) for a list's many
    rows: returns a function of a row's key and its `field_context` giving the same HTML as
    `form_copy(form, prefix, key)[name]` included with that context. Rendering the field and its
    widget per row dominated long lists; stamping costs two string replacements a row."""
    return _stamper(_stamp_html(form, prefix, name))


def kept_field_stamp(
    key: tuple, make: Callable[[], forms.BaseForm], prefix: str, name: str
) -> Callable[[object, object], SafeString]:
    """`field_stamp(make(), prefix, name)`, its render kept per process by `key` and the
    interface language, as `blank_fields` keeps a blank form's: `key` must hold all the field
    shows that can change (its choices); `make` is called only to render."""
    cache_key = (key, prefix, name, get_language())
    html = _STAMPS.get(cache_key)
    if html is None:
        if len(_STAMPS) >= BLANK_FORMS_KEPT:
            _STAMPS.clear()
        html = _STAMPS[cache_key] = _stamp_html(make(), prefix, name)
    return _stamper(html)


_STAMPS: dict[tuple, str] = {}


def _stamp_html(form: forms.BaseForm, prefix: str, name: str) -> str:
    field = form_copy(form, prefix, ROW_MARK)[name]
    return render_to_string("forms/_field.html", {"field": field, "field_context": CONTEXT_MARK})


def _stamper(html: str) -> Callable[[object, object], SafeString]:
    def stamp(key: object, field_context: object) -> SafeString:
        row = html.replace(ROW_MARK, str(conditional_escape(str(key))))
        return mark_safe(  # noqa: S308 (our render, the key and the context escaped)
            row.replace(CONTEXT_MARK, str(conditional_escape(cast(str, field_context))))
        )

    return stamp


# The stand-in for a row's value in a stamped text area.
VALUE_MARK = "\ue012"


def textarea_stamp(
    form: forms.BaseForm, prefix: str, name: str
) -> Callable[[object, object], SafeString]:
    """`field_stamp` for a text area with each row's own text: a function of a row's key and
    value (the field's initial value) giving the same HTML as `form_copy(form, prefix, key,
    name=value)[name]` included (forms/_field.html). A text area writes its value as its text,
    escaped, or nothing for none, which is what is put in place of the stand-in."""
    if not isinstance(form.fields[name].widget, forms.Textarea):
        raise TypeError(f"textarea_stamp: {name} is not a text area")
    field = form_copy(form, prefix, ROW_MARK, **{name: VALUE_MARK})[name]
    rendered = render_to_string("forms/_field.html", {"field": field})
    if rendered.count(VALUE_MARK) != 1:
        raise ValueError(f"textarea_stamp: {name}'s value is not written once")

    def stamp(key: object, value: object) -> SafeString:
        text = "" if value is None or value == "" else str(conditional_escape(str(value)))
        return mark_safe(  # noqa: S308 (our render, the key and the value escaped)
            rendered.replace(ROW_MARK, html.escape(str(key))).replace(VALUE_MARK, text)
        )

    return stamp


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


# A blank form's fields rendered once per process (`blank_fields`): by its key and the
# interface language, the HTML with a stand-in for each value called anew per render (a
# OnceForm's token), and how to make that value. At most BLANK_FORMS_KEPT are kept.
_BLANK_FORMS: dict[tuple, tuple[str, list[tuple[str, Callable[[], str]]]]] = {}
BLANK_FORMS_KEPT = 512
FRESH_MARK = "\ue012"
_FIELDS = "{% for field in form %}{% include 'forms/_field.html' %}{% endfor %}"


def blank_fields(key: tuple, make: Callable[[], forms.BaseForm]) -> SafeString:
    """The fields of the blank form `make()` as `{% for field in form %}{% include
    "forms/_field.html" %}{% endfor %}` writes them, rendered once per `key` and interface
    language: a form on a page read often costs building and rendering it each time. `key`
    must hold all the fields show that can change (their choices' values and labels); `make`
    is called only to render. A field whose initial is called per render (a OnceForm's
    token) gets a new value each time, as a render of its own would."""
    cache_key = (key, get_language())
    kept = _BLANK_FORMS.get(cache_key)
    if kept is None:
        form = make()
        fresh: list[tuple[str, Callable[[], str]]] = []
        for name, field in form.fields.items():
            if name not in form.initial and callable(field.initial):
                mark = f"{FRESH_MARK}{len(fresh)}{FRESH_MARK}"
                form.initial[name] = mark
                fresh.append((mark, functools.partial(_fresh_value, field)))
        html = engines["django"].from_string(_FIELDS).render({"form": form})
        if len(_BLANK_FORMS) >= BLANK_FORMS_KEPT:
            _BLANK_FORMS.clear()
        kept = _BLANK_FORMS[cache_key] = (html, fresh)
    html, fresh = kept
    for mark, value in fresh:
        html = html.replace(mark, value())
    return mark_safe(html)  # noqa: S308 (our render; a fresh value escaped)


def _fresh_value(field: forms.Field) -> str:
    """A new value of `field`'s called initial, as its widget writes it, escaped."""
    initial = field.initial() if callable(field.initial) else field.initial
    return _text(field.widget.format_value(field.prepare_value(initial)))
