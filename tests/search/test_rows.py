"""The search's hits written in Python (meetings/search/rows.py) are the template rows they
replaced, in both languages."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from meetings.search import engine
from meetings.search.rows import hit_rows
from tests import factories

pytestmark = pytest.mark.django_db

# The rows as templates/meetings/search/search.html wrote them in a template loop.
TEMPLATE_ROWS = """{% load i18n %}{% for hit in hits %}
      <li>
        <h4><a href="{{ hit.url }}">{{ hit.title|sv|default:_("Utan rubrik") }}</a>{% if hit.draft %} <span class="badge">{% translate "Utkast, inte publicerat" %}</span>{% endif %}</h4>
        <p class="meeting-meta">{{ hit.network_code }}{% if hit.meeting %} · <time datetime="{{ hit.meeting.starts_at|date:'c' }}">{{ hit.meeting.starts_at|long_date }}</time>{% endif %}</p>
        <p class="search-excerpt">{{ hit.excerpt|sv }}</p>
      </li>
      {% endfor %}"""  # noqa: E501


def _normalised(html: str) -> str:
    """The same HTML to a browser: runs of white space are one space, none between tags."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_python_rows_are_the_template_rows(neh, language):
    meeting = factories.make_meeting(neh, days_ahead=-3, theme_title="Solceller & <tak>")
    hits = [
        engine.Hit("Solceller & <tak>", "/m/1/?a=1&b=2", mark_safe("om <mark>sol</mark> & x"),
                   meeting, "NEH"),
        engine.Hit("", "/m/2/", mark_safe(""), meeting, "NEH", draft=True),
        engine.Hit("Klimatplan \"2030\"", "/d/3/", mark_safe("… <mark>klimat</mark>plan …"),
                   None, "NSH"),
        engine.Hit("Åtgärd", "/q/4/", mark_safe("&lt;b&gt;"), None, "", draft=True),
    ]  # fmt: skip
    with translation.override(language):
        expected = Template(TEMPLATE_ROWS).render(Context({"hits": hits}))
        assert _normalised(hit_rows(hits)) == _normalised(expected)
        assert ("Utan rubrik" in expected) == (language == "sv")
