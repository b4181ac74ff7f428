"""The pack's material and expectations written in Python (meetings/report_back/rows.py) are the
template rows they replaced, in both languages."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from meetings.report_back.pack import Expectation, build_pack
from meetings.report_back.rows import expected_rows, material_rows
from tests import factories

pytestmark = pytest.mark.django_db

# templates/meetings/report_back/pack.html's loops as they were.
MATERIAL = """{% load i18n %}
    {% for document in pack.documents %}
      <li><a href="{{ document.get_absolute_url }}">{{ document.title|sv }}</a> ({{ document.get_kind_display }})</li>
    {% endfor %}
    {% for document in pack.consultations %}
      <li><a href="{{ document.get_absolute_url }}">{{ document.title|sv }}</a> ({% blocktranslate with date=document.deadline|long_date %}remiss, svar senast {{ date }}{% endblocktranslate %}{% if document.response_sent_at %}, {% translate "svar skickat" %}{% endif %})</li>
    {% endfor %}
"""  # noqa: E501
EXPECTED = """{% load i18n %}
    {% for item in pack.expected %}
      <tr><td>{{ item.due_on|long_date }}{% if item.overdue %} <strong class="badge badge-warning">{% translate "försenad" %}</strong>{% endif %}</td><th scope="row">{% if item.url %}<a href="{{ item.url }}">{{ item.title|sv }}</a>{% else %}{{ item.title|sv }}{% endif %}</th><td>{{ item.kind }}</td></tr>
    {% endfor %}
"""  # noqa: E501


def _normalised(html: str) -> str:
    """The same HTML to a browser: runs of white space are one space, none between tags."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_python_rows_are_the_template_rows(pack_world, administration, language):
    held = pack_world.held
    factories.make_document(held.network, title="Bilaga <om> hav & sjöar", meeting=held)
    pack = build_pack(held, administration)
    pack.expected.append(
        Expectation(
            due_on=timezone.localdate() - datetime.timedelta(days=3),
            kind="Åtgärd & <annat>",
            title='Svara "snart" & <väl>',
            url="/a?b=1&c=2",
            overdue=True,
        )
    )
    assert pack.documents and pack.consultations and pack.expected
    assert any(d.response_sent_at for d in pack.consultations)
    assert any(not item.url for item in pack.expected)
    with translation.override(language):
        context = Context({"pack": pack})
        material = Template(MATERIAL).render(context)
        expected = Template(EXPECTED).render(context)
        written_material = material_rows(pack.documents, pack.consultations)
        written_expected = expected_rows(pack.expected)
    assert _normalised(written_material) == _normalised(material)
    assert _normalised(written_expected) == _normalised(expected)
    assert "Bilaga &lt;om&gt; hav &amp; sjöar" in written_material
    assert written_expected.count("<tr>") == len(pack.expected)
