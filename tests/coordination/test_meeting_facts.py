"""The meeting page's facts written in Python (`{% meeting_facts %}`,
meetings/templatetags/meeting_facts.py) are what coordination/_meeting_facts.html wrote as a
template, in both languages, for every branch: after an edit (htmx) and on the page, with and
without a place, a link, work areas (one archived), a published theme and its text, for a
coordinator and for others, a cancelled meeting."""

import datetime

import pytest
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import timezone, translation

from tests import factories

pytestmark = pytest.mark.django_db

# The section as the template wrote it.
TEMPLATE_FACTS = """{% load i18n partials %}{% partialdef facts inline %}<div id="meeting-facts-section">
{% if updated %}<h1 id="meeting-title" hx-swap-oob="true">{{ meeting.theme_title|sv|default:_("Temat är inte publicerat ännu") }}</h1>{% endif %}
{% if announce %}<p class="message message-success" data-announce="{{ announce }}">{{ announce }}</p>{% endif %}
<dl class="facts">
  <dt>{% translate "Tid" %}</dt>
  <dd><time datetime="{{ meeting.starts_at|date:'c' }}">{{ meeting.starts_at|when }}</time>–<time datetime="{{ meeting.ends_at|date:'c' }}">{{ meeting.ends_at|clock }}</time> ({{ meeting.term }})</dd>
  <dt>{% translate "Mötesform" %}</dt>
  <dd>{{ meeting.get_format_display }}</dd>
  {% if meeting.place %}<dt>{% translate "Plats" %}</dt><dd>{{ meeting.place|sv }}</dd>{% endif %}
  {% if meeting.online_url %}<dt>{% translate "Länk" %}</dt><dd><a href="{{ meeting.online_url }}" rel="noopener noreferrer">{{ meeting.online_url }}</a></dd>{% endif %}
  <dt>{% translate "Arbetsområden" %}</dt>
  <dd>{% for area in work_areas %}{{ area.name|sv }}{% if area.is_archived %} ({% translate "arkiverat" %}){% endif %}{% if not forloop.last %}; {% endif %}{% empty %}{% translate "Inga angivna" %}{% endfor %}</dd>
  {% if meeting.published_at %}
    <dt>{% translate "Tema publicerat" %}</dt>
    <dd><time datetime="{{ meeting.published_at|date:'c' }}">{{ meeting.published_at|long_date }}</time>, {% blocktranslate count days=meeting.theme_days_ahead %}{{ days }} dag före mötet{% plural %}{{ days }} dagar före mötet{% endblocktranslate %}</dd>
  {% endif %}
</dl>

{% if meeting.theme_description %}
  <section aria-labelledby="theme">
    <h2 id="theme">{% translate "Om temat" %}</h2>
    <p>{{ meeting.theme_description|linebreaksbr|sv }}</p>
  </section>
{% endif %}
{% if can_coordinate and not meeting.is_cancelled %}
  <p><a class="button button-secondary" id="edit-meeting" href="{% url 'meeting_edit' meeting.pk %}" hx-get="{% url 'meeting_edit' meeting.pk %}" hx-target="#meeting-facts-section" hx-swap="outerHTML"{% if updated %} data-focus{% endif %}>{% translate "Redigera mötet" %}</a></p>
{% endif %}
</div>{% endpartialdef %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_facts_are_the_template(neh, language):
    area = neh.work_areas.create(name="Klimat & <energi>")
    archived = neh.work_areas.create(name="Gammalt", archived_at=timezone.now())
    full = factories.make_meeting(
        neh,
        days_ahead=40,
        theme_title='Skyfall & "dagvatten"',
        theme_description="Första raden & <andra>\nTredje",
        place="Stadshuset <sal 2>",
        online_url="https://example.org/möte?a=1&b=2",
    )
    full.published_at = full.starts_at - datetime.timedelta(days=20)
    bare = factories.make_meeting(neh, days_ahead=10, status="planned", theme_title="")
    one_day = factories.make_meeting(neh, days_ahead=5, theme_title="Kort")
    one_day.published_at = one_day.starts_at - datetime.timedelta(days=1)
    cancelled = factories.make_meeting(neh, days_ahead=15, status="cancelled")
    written = get_template("meetings/coordination/_meeting_facts.html")
    partial = get_template("meetings/coordination/_meeting_facts.html#facts")
    cases = 0
    with translation.override(language):
        for meeting in (full, bare, one_day, cancelled):
            for work_areas in ([], [area], [area, archived]):
                for extra in (
                    {},
                    {"can_coordinate": True},
                    {"can_coordinate": True, "updated": True, "announce": 'Sparat "nu" & <då>'},
                ):
                    context = {"meeting": meeting, "work_areas": work_areas, **extra}
                    expected = Template(TEMPLATE_FACTS).render(Context(context))
                    assert written.render(context) == expected
                    assert partial.render(context) + "\n" == expected
                    cases += 1
    assert cases == 36
    with translation.override(language):
        html = written.render({"meeting": full, "work_areas": [area], "can_coordinate": True})
    assert "Stadshuset &lt;sal 2&gt;" in html and "b=2" in html and "edit-meeting" in html
    assert ('<span lang="sv">' in html) == (language == "en")
