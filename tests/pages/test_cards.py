"""A meeting's card written in Python (meetings/pages/cards.py) is the template it replaced, for
every kind of meeting, in both languages."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings.models import Meeting
from meetings.pages.cards import meeting_summary
from tests.factories import make_meeting

pytestmark = pytest.mark.django_db

# templates/meetings/pages/_meeting_summary.html as it was.
TEMPLATE = """{% load i18n %}{# heading_level: one below the heading it sits under (3 by default). #}{% with level=heading_level|default:3 %}<article class="meeting-card{% if meeting.is_cancelled %} is-cancelled{% endif %}">
  <h{{ level }}><a href="{{ meeting.get_absolute_url }}">{% if meeting.is_cancelled %}{% translate "INSTÄLLT:" %} {% endif %}{{ meeting.theme_title|sv|default:_("Temat är inte publicerat ännu") }}</a></h{{ level }}>
  <p class="meeting-meta">
    <time datetime="{{ meeting.starts_at|date:'c' }}">{{ meeting.starts_at|when:meeting.ends_at }}</time>
    · {{ meeting.get_format_display }}{% if meeting.place %} · {{ meeting.place|sv }}{% endif %}
    {% if meeting.status == "planned" %}<span class="badge">{% translate "Planerat, inte publicerat" %}</span>{% endif %}
  </p>
</article>{% endwith %}"""  # noqa: E501


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _meetings(network) -> list[Meeting]:
    published = make_meeting(network, theme_title="Klimat & <hav>", place="Stadshuset, sal 3")
    planned = make_meeting(network, days_ahead=40, status=Meeting.Status.PLANNED, theme_title="")
    cancelled = make_meeting(
        network, days_ahead=50, status=Meeting.Status.CANCELLED, place="", format="digital"
    )
    return [published, planned, cancelled]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("level", [None, 2, 4])
def test_python_card_is_the_template_card(neh, language, level):
    for meeting in _meetings(neh):
        context = {"meeting": meeting} | ({"heading_level": level} if level else {})
        with translation.override(language):
            expected = Template(TEMPLATE).render(Context(context))
            written = meeting_summary(meeting, level or 3)
        assert _normalised(written) == _normalised(expected)
    assert "Klimat &amp; &lt;hav&gt;" in meeting_summary(_meetings(neh)[0])


# The start page's loop over the networks as templates/meetings/pages/home.html had it.
PANELS = """{% load i18n meeting_cards %}{% for network in networks %}
    <section class="panel" aria-labelledby="network-{{ network.code }}">
      <h2 id="network-{{ network.code }}"><a href="{{ network.get_absolute_url }}">{{ network.name|sv }} ({{ network.code }})</a></h2>
      <h3 class="h-small">{% translate "Kommande möten" %}</h3>
      {% for meeting in network.next_meetings %}
        {% meeting_summary meeting 4 %}
      {% empty %}
        <p>{% translate "Inga kommande möten är publicerade." %}</p>
      {% endfor %}
    </section>
  {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_python_network_panels_are_the_template_loop(neh, nsh, language):
    from meetings.pages.cards import network_panels

    type(neh).objects.filter(pk=neh.pk).update(name="Ekologi & <hav>")
    neh.refresh_from_db()
    neh.next_meetings = _meetings(neh)
    nsh.next_meetings = []
    networks = [neh, nsh]
    with translation.override(language):
        expected = Template(PANELS).render(Context({"networks": networks}))
        written = network_panels(networks)
    assert written == expected
    assert "Ekologi &amp; &lt;hav&gt;" in written and written.count("meeting-card") == 3
    assert network_panels([]) == Template(PANELS).render(Context({"networks": []}))
