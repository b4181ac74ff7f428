"""The document rows written in Python (meetings/documents/rows.py) are the template rows they
replaced, in both languages."""

import datetime
import re

import pytest
from django.db.models import Prefetch
from django.template import Context, Template
from django.utils import timezone, translation

from meetings.documents.rows import document_rows
from meetings.models import Document
from networks.models import WorkArea
from tests.factories import make_consultation, make_document

pytestmark = pytest.mark.django_db

# The rows as templates/meetings/documents/document_list.html wrote them in a template loop.
TEMPLATE_ROWS = """{% load i18n %}{% for document in documents %}
        <tr>
          <th scope="row"><a href="{{ document.get_absolute_url }}">{{ document.title|sv }}</a>{% if document.is_withdrawn %} <span class="document-meta">({% translate "tillbakadraget" %})</span>{% endif %}</th>
          <td>{{ document.get_kind_display }}</td>
          <td>{% for area in document.work_areas.all %}{{ area.name|sv }}{% if not forloop.last %}; {% endif %}{% empty %}–{% endfor %}</td>
          <td>{% if document.deadline %}<time datetime="{{ document.deadline|date:'Y-m-d' }}">{{ document.deadline|long_date }}</time>{% else %}–{% endif %}</td>
          <td><time datetime="{{ document.created_at|date:'c' }}">{{ document.created_at|long_date }}</time></td>
        </tr>
      {% endfor %}"""  # noqa: E501


def _normalised(html: str) -> str:
    """The same HTML to a browser: runs of white space are one space, none between tags."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_python_rows_are_the_template_rows(neh, language):
    areas = [
        WorkArea.objects.create(network=neh, name="Klimat & <energi>"),
        WorkArea.objects.create(network=neh, name="Biologisk mångfald"),
    ]
    plain = make_document(neh, title="Rapport <om> hav & sjöar")
    plain.work_areas.set(areas)
    consultation = make_consultation(
        neh, title="Remiss: avfallsplan", deadline=timezone.localdate() + datetime.timedelta(9)
    )
    consultation.withdrawn_at = timezone.now()
    consultation.save()
    documents = list(
        Document.objects.filter(network=neh).prefetch_related(
            "work_areas", Prefetch("work_areas", to_attr="area_list")
        )
    )
    with translation.override(language):
        expected = Template(TEMPLATE_ROWS).render(Context({"documents": documents}))
        written = document_rows(documents)
    assert _normalised(written) == _normalised(expected)
    assert "Rapport &lt;om&gt; hav &amp; sjöar" in written
    assert written.count("<tr>") == 2
