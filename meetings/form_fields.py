"""Model choice fields that refuse ids no database integer can hold.

SQLite raises OverflowError for integers beyond 64 bits in a lookup, which Django's model
choice fields do not turn into a form error: a fuzzed id would be a 500 instead of "not a valid
choice". Use them for ids that come from the browser.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from config.content_language import CONTENT_LANGUAGE, interface_is_swedish

MAX_ID = 2**63 - 1


def _id_in_range(value) -> bool:
    """An id the database can look up: SQLite raises OverflowError for larger integers, which
    Django's model choice fields do not turn into a form error."""
    try:
        return 0 < int(str(value).strip()) <= MAX_ID
    except (TypeError, ValueError):
        return True  # not a number at all: the field itself refuses it


def _attrs(attrs: dict) -> str:
    """The attributes as Django's widgets/attrs.html writes them (True: bare, False: left out)."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


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
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}"
                f"{content_lang if self._written(option['value']) else ''}>"
                f"{conditional_escape(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)

    def _written(self, value) -> bool:
        return hasattr(value, "instance") or (self.written and value not in ("", None))


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


class SwedishOptionsSelect(PlainSelect):
    """A <select> of plain choices whose labels are rows people wrote (names of
    administrations, say): each option but the empty one is marked Swedish in another
    interface language, as model choices are (templates/django/forms/widgets/select_option.html).
    Written out in Python (`PlainSelect`): the administrations' filters list hundreds."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices, written=True)
