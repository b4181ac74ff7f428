"""The network page's "Aktuellt" rows written by meetings/templatetags/document_rows.py are
what the template loops they replaced (meetings/documents/_aktuellt.html) wrote, in both
languages, for each kind of document."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from meetings.documents import workflow as documents
from meetings.models import Document
from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATE_LOOPS = """{% load i18n %}<ul>
          {% for document in current.open_consultations %}
            <li><a href="{{ document.get_absolute_url }}">{{ document.title|sv }}</a> <span class="document-meta">{% translate "svar senast" %} <time datetime="{{ document.deadline|date:'Y-m-d' }}">{{ document.deadline|long_date }}</time></span></li>
          {% endfor %}
</ul><ul>
          {% for document in current.recent %}
            <li><a href="{{ document.get_absolute_url }}">{{ document.title|sv }}</a> <span class="document-meta">{{ document.get_kind_display }}, <time datetime="{{ document.created_at|date:'c' }}">{{ document.created_at|long_date }}</time></span></li>
          {% endfor %}
</ul>"""  # noqa: E501
NEW = (
    "{% load i18n document_rows %}<ul>{% open_consultation_rows current.open_consultations %}"
    "</ul><ul>{% recent_document_rows current.recent %}</ul>"
)


def _normalised(html: str) -> str:
    """The same HTML to a browser: runs of white space are one space, none between tags."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_rows_are_the_template_rows(neh, language):
    today = timezone.localdate()
    for days in (3, 30):
        factories.make_document(
            neh,
            kind=Document.Kind.CONSULTATION,
            deadline=today + datetime.timedelta(days),
            title=f"Remiss <om> & {days}",
        )
    for kind, _label in Document.Kind.choices:
        factories.make_document(neh, kind=kind, title=f"Dokument {kind} & <b>")
    current = documents.current_for_network(neh)
    assert len(current.open_consultations) >= 2 and len(current.recent) >= 3
    context = {"current": current}
    with translation.override(language):
        old = Template(TEMPLATE_LOOPS).render(Context(context))
        new = Template(NEW).render(Context(context))
    assert _normalised(new) == _normalised(old)
    assert "&amp; &lt;b&gt;" in new
