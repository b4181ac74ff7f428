"""Selects written out in Python: Django's select renders a template per option, which made a
few hundred options (the administrations of a large organisation, a network's actions) cost
tens of milliseconds. Below every app, so `representatives` and `meetings` share them."""

import html

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from config.content_language import CONTENT_LANGUAGE, interface_is_swedish


def _attrs(attrs: dict) -> str:
    """The attributes as Django's widgets/attrs.html writes them (True: bare, False: left out)."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _escape(text: str) -> str:
    """Django's `escape` for a plain string (it is `html.escape` behind a lazy-string wrapper,
    which cost more than the escaping in a list of hundreds)."""
    return html.escape(text)


def _label(label) -> str:
    """`conditional_escape(label)`, as the option's label was written before."""
    if hasattr(label, "__html__") or not isinstance(label, str):
        return conditional_escape(label)
    return html.escape(label)


class NormalChoices(BaseChoiceIterator):
    """Choices already in Django's normal form, (value, label) pairs, passed through as they
    are: setting a field's choices normalizes them item by item, twice (the field's and its
    widget's), which for hundreds of administrations cost more than writing them out."""

    def __init__(self, pairs) -> None:
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)


class PlainSelect(forms.Select):
    """A <select> written out in Python: the same HTML as Django's select.html, without a
    template include per option, which made a few hundred options cost tens of milliseconds
    (the goal's action plan lists every action of the network).

    An option for a model instance is marked Swedish in another interface language (what
    people wrote); `written=True` marks every option with a value so, for choices whose labels
    are built from what people wrote (a meeting's theme)."""

    def __init__(self, attrs=None, choices=(), *, written: bool = False):
        super().__init__(attrs, choices)
        self.written = written

    def render(self, name, value, attrs=None, renderer=None):
        # Django's get_context and optgroups, without a dict per option (create_option): a
        # Select's option carries no attributes but `selected` (tests/project/test_form_fields.py
        # checks the HTML against Django's).
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values = self.format_value(value)
        # A row's own text is Swedish (templates/django/forms/widgets/select_option.html).
        content_lang = "" if interface_is_swedish() else f' lang="{CONTENT_LANGUAGE}"'
        parts = [f'<select name="{conditional_escape(name)}"{_attrs(attrs)}>']
        has_selected = False
        multiple = self.allow_multiple_selected
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            grouped = isinstance(option_label, (list, tuple))
            if grouped:
                parts.append(f'\n  <optgroup label="{conditional_escape(option_value)}">')
                choices = option_label
            else:
                choices = [(option_value, option_label)]
            for subvalue, sublabel in choices:
                selected = (not has_selected or multiple) and str(subvalue) in values
                has_selected |= selected
                parts.append(
                    f'\n  <option value="{_escape(str(subvalue))}"'
                    f"{' selected' if selected else ''}"
                    f"{content_lang if self._written(subvalue) else ''}>"
                    f"{_label(sublabel)}</option>\n"
                )
            if grouped:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)

    def _written(self, value) -> bool:
        return hasattr(value, "instance") or (self.written and value not in ("", None))


class SwedishOptionsSelect(PlainSelect):
    """A <select> of plain choices whose labels are rows people wrote (names of
    administrations, say): each option but the empty one is marked Swedish in another
    interface language, as model choices are (templates/django/forms/widgets/select_option.html).
    Written out in Python (`PlainSelect`): the administrations' filters list hundreds."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices, written=True)
