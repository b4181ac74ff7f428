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


# The meeting page's report-back links as the template wrote them.
TEMPLATE_LINKS = """{% load i18n report_back_tags %}{% report_back_links meeting as packs %}{% if packs and packs.administrations or packs.coordinates %}
<section aria-labelledby="report-back-heading" class="report-back-links">
  <h2 id="report-back-heading">{% translate "Återrapport till ledningsgruppen" %}</h2>
  <ul>
    {% for administration in packs.administrations %}
      <li><a href="{% url 'report_back_pack' meeting.pk administration.pk %}">{% blocktranslate with name=administration.name|sv %}Återrapport för {{ name }}{% endblocktranslate %}</a></li>
    {% endfor %}
    {% if packs.coordinates %}<li><a href="{% url 'report_back_status' meeting.pk %}">{% translate "Vilka förvaltningar har återrapporterat" %}</a></li>{% endif %}
  </ul>
</section>
{% endif %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_meeting_links_are_the_template(neh, held, coordinator, language):
    """`{% report_back_section %}` writes what report_back/_meeting_links.html wrote: for a
    person who sits for an administration and directs another (a name that needs escaping),
    a coordinator, both, and someone with neither; nothing for a meeting not yet held."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import get_template
    from django.test import RequestFactory

    seated = factories.make_user()
    factories.make_appointment(seated, factories.make_administration("Miljö & <hälsa>"), neh)
    factories.make_administration("Kultur", director=seated)
    both = coordinator
    factories.make_appointment(both, factories.make_administration("Teknik"), neh)
    coming = factories.make_meeting(neh, days_ahead=10)
    written = get_template("meetings/report_back/_meeting_links.html")
    shown = 0
    with translation.override(language):
        for user in (seated, both, factories.make_user(), AnonymousUser()):
            for meeting in (held, coming):
                request = RequestFactory().get("/")
                request.user = user
                context = {"meeting": meeting, "request": request}
                expected = Template(TEMPLATE_LINKS).render(Context(context))
                assert written.render(context) == expected
                shown += "<section" in expected
    assert shown == 2
