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


# The coordinators' panel as the template wrote it.
TEMPLATE_COORDINATION = """{% load i18n %}{% if can_coordinate %}
<section aria-labelledby="coordination" class="panel coordinator-panel">
  <h2 id="coordination" class="h-small">{% translate "Samordning" %}</h2>
  {% if meeting.status == "planned" %}
    <p>{% blocktranslate count days=meeting.network.theme_lead_days %}Temat ska publiceras minst {{ days }} dag före mötet.{% plural %}Temat ska publiceras minst {{ days }} dagar före mötet.{% endblocktranslate %}</p>
  {% elif meeting.theme_published_late %}
    <p class="notice notice-warning">{% blocktranslate count days=meeting.network.theme_lead_days %}Temat publicerades senare än {{ days }} dag före mötet.{% plural %}Temat publicerades senare än {{ days }} dagar före mötet.{% endblocktranslate %}</p>
  {% endif %}
  <ul class="action-list">
    {% if meeting.status == "planned" %}<li><a class="button" href="{% url 'meeting_publish' meeting.pk %}">{% translate "Publicera temat" %}</a></li>{% endif %}
    {% if meeting.status == "published" and not meeting.is_past %}
      <li><a class="button button-secondary" href="{% url 'meeting_reschedule' meeting.pk %}">{% translate "Flytta mötet" %}</a></li>
      <li><a class="button button-secondary" href="{% url 'meeting_cancel' meeting.pk %}">{% translate "Ställ in mötet" %}</a></li>
    {% endif %}
    <li>{% include "meetings/history/_link.html" with key="mote" pk=meeting.pk %}</li>
    <li><a href="{% url 'coordination_dashboard' meeting.network.code|lower %}">{% translate "Samordnarens översikt" %}</a></li>
  </ul>
</section>
{% endif %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_coordination_panel_is_the_template(neh, language):
    """`{% meeting_coordination %}` writes what coordination/_meeting_coordination.html wrote:
    a planned meeting (its theme due), a published one on time and one published late (one
    day of lead and many), a past and a cancelled one; nothing for others."""
    planned = factories.make_meeting(neh, days_ahead=40, status="planned")
    on_time = factories.make_meeting(neh, days_ahead=40)
    on_time.published_at = on_time.starts_at - datetime.timedelta(days=60)
    late = factories.make_meeting(neh, days_ahead=3)
    late.published_at = late.starts_at - datetime.timedelta(days=1)
    past = factories.make_meeting(neh, days_ahead=-3)
    cancelled = factories.make_meeting(neh, days_ahead=15, status="cancelled")
    written = get_template("meetings/coordination/_meeting_coordination.html")
    with translation.override(language):
        for lead in (1, 21):
            neh.theme_lead_days = lead
            for meeting in (planned, on_time, late, past, cancelled):
                meeting.network = neh
                for can_coordinate in (False, True):
                    context = {"meeting": meeting, "can_coordinate": can_coordinate}
                    expected = Template(TEMPLATE_COORDINATION).render(Context(context))
                    assert written.render(context) == expected
        html = written.render({"meeting": late, "can_coordinate": True})
    assert 'class="notice notice-warning"' in html
    assert ("Ändringshistorik" in html) == (language == "sv")


# The minutes section as the template wrote it.
TEMPLATE_MINUTES = """{% load i18n %}{% include "meetings/minutes/_follow_up.html" %}{% if meeting.is_past and not meeting.is_cancelled %}<section aria-labelledby="minutes-heading">
  <h2 id="minutes-heading">{% translate "Minnesanteckningar" %}</h2>
  {% if minutes_version %}
    <p><a href="{% url 'minutes_detail' meeting.pk %}">{% blocktranslate with number=minutes_version.number date=minutes_version.published_at|long_date trimmed %}Läs minnesanteckningarna (version {{ number }}, publicerad {{ date }}){% endblocktranslate %}</a></p>
  {% else %}
    <p>{% translate "Minnesanteckningarna är inte publicerade ännu." %}</p>
  {% endif %}
  {% if can_coordinate %}<ul class="action-links"><li><a class="button" href="{% url 'minutes_edit' meeting.pk %}">{% if minutes_version %}{% translate "Rätta minnesanteckningarna" %}{% else %}{% translate "Skriv minnesanteckningarna" %}{% endif %}</a></li><li><a class="button button-secondary" href="{% url 'action_list' meeting.network.code|lower %}">{% translate "Nätverkets åtgärder" %}</a></li></ul>{% endif %}
</section>{% endif %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_minutes_section_is_the_template(neh, language):
    """`{% meeting_minutes %}` writes what minutes/_meeting_minutes.html wrote: a coming
    meeting (its follow-up only), a held one with and without published minutes, for
    coordinators and others, and a cancelled one."""
    from meetings.agenda.follow_up import FollowUp
    from meetings.models import MinutesVersion

    coming = factories.make_meeting(neh, days_ahead=10)
    held = factories.make_meeting(neh, days_ahead=-10)
    cancelled = factories.make_meeting(neh, days_ahead=-5, status="cancelled")
    published = MinutesVersion(number=2, published_at=timezone.now())
    written = get_template("meetings/minutes/_meeting_minutes.html")
    with translation.override(language):
        for meeting, follow_up in ((coming, FollowUp([], 3)), (held, []), (cancelled, [])):
            for version in (None, published):
                for can_coordinate in (False, True):
                    context = {
                        "meeting": meeting,
                        "follow_up": follow_up,
                        "minutes_version": version,
                        "can_coordinate": can_coordinate,
                    }
                    expected = Template(TEMPLATE_MINUTES).render(Context(context))
                    assert written.render(context) == expected
        html = written.render(
            {"meeting": held, "minutes_version": published, "can_coordinate": True}
        )
    assert 'class="action-links"' in html and "/skriv/" in html
