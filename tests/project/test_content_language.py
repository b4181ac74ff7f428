"""The Python forms of the `sv` filter, which rows written in Python use, write what
`{{ value|sv }}` writes under autoescaping, in both languages."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from config.content_language import Swedish, interface_is_swedish, sv_html, sv_text

VALUES = ["Miljöförvaltningen", "<b>R&D</b> \"quoted\" 'single'", ""]


def _filter(value: object) -> str:
    return Template("{{ value|sv }}").render(Context({"value": value}))


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("value", [*VALUES, mark_safe("<em>safe</em>"), 42])
def test_sv_html_and_swedish_write_the_filter(language, value):
    with translation.override(language):
        assert sv_html(value) == _filter(value)
        assert Swedish()(value) == _filter(value)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("value", VALUES)
def test_sv_text_writes_the_filter_for_plain_text(language, value):
    with translation.override(language):
        assert sv_text(value, interface_is_swedish()) == _filter(value)
    with translation.override("en"):
        assert 'lang="sv"' in _filter("Miljö")  # the English page marks the Swedish text
