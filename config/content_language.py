"""Marks text people wrote in Swedish as Swedish when the interface is in another language
(WCAG 3.1.2, language of parts). A template library, built in for every template
(settings.TEMPLATES): `{{ meeting.theme_title|sv }}` for a value inside running text, and
`<div{% lang_sv %}>` for an element that holds only such text.

In Swedish both give nothing extra: the page is `lang="sv"` already.
"""

import html
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

CONTENT_LANGUAGE = "sv"


def interface_is_swedish() -> bool:
    return (get_language() or CONTENT_LANGUAGE).split("-")[0] == CONTENT_LANGUAGE


@register.filter
def sv(value: object) -> object:
    """The value in a `<span lang="sv">` when the page is not Swedish (escaped unless safe)."""
    if value is None or value == "" or interface_is_swedish():
        return value
    return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, value)


def sv_text(value: str, swedish: bool) -> str:
    """`{{ value|sv }}` under autoescaping, as HTML, for rows written in Python: `swedish` is
    `interface_is_swedish()`, read once for the list (it looks up the active language)."""
    escaped = html.escape(value)
    if swedish or not value:
        return escaped
    return f'<span lang="{CONTENT_LANGUAGE}">{escaped}</span>'


def sv_html(value: object) -> str:
    """`{{ value|sv }}` under autoescaping, as HTML, for rows written in Python: escaped unless
    already safe markup."""
    marked: Any = sv(value)  # any value: conditional_escape writes str() of what is not safe
    return str(conditional_escape(marked))


@register.simple_tag
def lang_sv() -> SafeString:
    """` lang="sv"` for an element holding Swedish content when the page is not Swedish."""
    if interface_is_swedish():
        return SafeString("")
    return format_html(' lang="{}"', CONTENT_LANGUAGE)


class Swedish:
    """`conditional_escape(sv(value))` for the values of one page: `sv` asks for the interface
    language at each call, and Django's `escape` goes through a lazy-string wrapper; a list's
    rows write a few values each."""

    def __init__(self) -> None:
        self.swedish = interface_is_swedish()

    def __call__(self, value: Any) -> str:
        # A plain text escaped as Django's `escape` does it, without its wrapper.
        text = html.escape(value) if type(value) is str else str(conditional_escape(value))
        if value is None or value == "" or self.swedish:
            return text
        return f'<span lang="{CONTENT_LANGUAGE}">{text}</span>'
