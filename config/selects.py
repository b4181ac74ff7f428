"""Selects written out in Python: Django's select renders a template per option, which made a
few hundred options (the administrations of a large organisation, a network's actions) cost
tens of milliseconds. Below every app, so `representatives` and `meetings` share them."""

import html

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

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


def _escape(value) -> str:
    """`conditional_escape(str(value))`, faster for the plain text of hundreds of options: the
    standard library's escape replaces the same five characters with the same entities."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value))


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
        widget = self.get_context(name, value, attrs)["widget"]
        # A row's own text is Swedish (templates/django/forms/widgets/select_option.html).
        content_lang = "" if interface_is_swedish() else f' lang="{CONTENT_LANGUAGE}"'
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{_escape(option["value"])}"'
                f"{_attrs(option['attrs']) if option['attrs'] else ''}"
                f"{content_lang if self._written(option['value']) else ''}>"
                f"{_escape(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
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
