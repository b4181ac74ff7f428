"""The published agenda on the meeting page written in Python (`{% agenda_section %}`,
meetings/templatetags/agenda_section.py) is what agenda/_agenda.html and
agenda/_agenda_list.html wrote as templates, in both languages: no agenda, a first and a later
version, items with and without a presenter, a description, a management group's question
and a goal's figures, and the links for coordinators and proposers."""

import pytest
from django.template import Context, Engine, Template
from django.template.loader import get_template
from django.utils import translation

from meetings.agenda import versions
from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db

# The section and its list as the templates wrote them.
TEMPLATE_AGENDA = """{% load i18n %}<section aria-labelledby="agenda">
  <h2 id="agenda">{% translate "Dagordning" %}</h2>
  {% if agenda %}
    {% if agenda_version %}
      <p class="agenda-version-line">{% blocktranslate with number=agenda_version.number date=agenda_version.published_at|long_date trimmed %}Version {{ number }}, publicerad {{ date }}.{% endblocktranslate %}
        <a href="{% url 'agenda_current' meeting.pk %}">{% if agenda_version.number > 1 %}{% translate "Se dagordningen och vad som har ändrats" %}{% else %}{% translate "Dagordningen för utskrift" %}{% endif %}</a></p>
    {% endif %}
    {% include "meetings/agenda/_agenda_list.html" with items=agenda %}
    <p>{% blocktranslate with total=agenda_minutes length=meeting.duration_minutes trimmed %}Sammanlagt {{ total }} av mötets {{ length }} minuter.{% endblocktranslate %}</p>
  {% else %}
    <p>{% translate "Dagordningen är inte publicerad ännu." %}</p>
  {% endif %}
  {% if can_coordinate or can_propose %}
    <ul class="action-links">
      {% if can_coordinate %}<li><a class="button" href="{% url 'agenda_manage' meeting.pk %}">{% translate "Hantera dagordningen" %}</a></li>{% endif %}
      {% if can_propose and meeting.is_published and not meeting.is_past %}<li><a class="button{% if can_coordinate %} button-secondary{% endif %}" href="{% url 'agenda_proposals' meeting.pk %}">{% translate "Föreslå en punkt" %}</a></li>{% endif %}
    </ul>
  {% endif %}
</section>
"""  # noqa: E501
TEMPLATE_LIST = """{% load i18n %}<ol class="agenda">
  {% for item in items %}
    <li>
      <span class="agenda-title">{{ item.title|sv }}</span>
      <span class="agenda-meta">{{ item.kind_label }} · {% blocktranslate count minutes=item.minutes %}{{ minutes }} minut{% plural %}{{ minutes }} minuter{% endblocktranslate %}{% if item.presenter %} · {{ item.presenter|sv }}{% endif %}{% if item.is_management_question %} · {% translate "fråga från ledningsgrupp" %}{% endif %}</span>
      {% if item.description %}<p>{{ item.description|linebreaksbr|sv }}</p>{% endif %}
      {% if item.goal_figures %}{% include "meetings/goals/_agenda_goal.html" with figures=item.goal_figures %}{% endif %}
    </li>
  {% endfor %}
</ol>
"""  # noqa: E501


def _templates() -> Engine:
    """The project's engine with the old list template in place of the file it was."""
    from django.template import engines

    engine = engines["django"].engine
    return Engine(
        dirs=engine.dirs,
        libraries=engine.libraries,
        builtins=engine.builtins,
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {"meetings/agenda/_agenda_list.html": TEMPLATE_LIST},
            ),
            *engine.loaders,
        ],
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_agenda_section_is_the_template(neh, coordinator, language):
    meeting = factories.make_meeting(neh, days_ahead=20)
    past = factories.make_meeting(neh, days_ahead=-20)
    goal = factories.make_goal(neh, title="Mål <2030>")
    factories.make_indicator(goal, values={2020: 800})
    factories.make_agenda_item(
        meeting,
        position=1,
        title='Skyfall & "dagvatten"',
        presenter="Å & <Ö>",
        description="Första & <andra>\nTredje",
        is_management_question=True,
    )
    factories.make_agenda_item(meeting, position=2, title="Solel", allotted_minutes=1)
    factories.make_agenda_item(
        meeting, position=3, title="Mål", kind=AgendaItem.Kind.GOAL_FOLLOW_UP, goal=goal
    )
    draft = list(versions.draft_items(meeting))
    first = meeting.agenda_versions.create(
        number=1, snapshot=versions.snapshot(draft), published_by=coordinator
    )
    second = meeting.agenda_versions.create(
        number=2, snapshot=versions.snapshot(draft[:2]), published_by=coordinator
    )
    old = _templates().from_string(TEMPLATE_AGENDA)
    written = get_template("meetings/agenda/_agenda.html")
    cases = 0
    with translation.override(language):
        for shown, version in ((meeting, first), (meeting, second), (past, None)):
            agenda = versions.goals.attach_goal_figures(version.items) if version else []
            for flags in (
                {},
                {"can_coordinate": True},
                {"can_propose": True},
                {"can_coordinate": True, "can_propose": True},
            ):
                context = {
                    "meeting": shown,
                    "agenda": agenda,
                    "agenda_version": version,
                    "agenda_minutes": sum(item["minutes"] for item in agenda),
                    **flags,
                }
                expected = old.render(Context(context))
                assert written.render(context) == expected
                cases += 1
        agenda = versions.goals.attach_goal_figures(first.items)
        html = written.render({"meeting": meeting, "agenda": agenda, "agenda_version": first})
    assert cases == 12
    assert "Mål &lt;2030&gt;" in html and "Första &amp; &lt;andra&gt;<br>Tredje" in html


# What changed between two versions, as agenda/_agenda_changes.html wrote it.
TEMPLATE_CHANGES = """{% load i18n %}{% if changes %}<ul class="agenda-changes">
  {% for item in changes.added %}<li><span class="change change-added">{% translate "Ny punkt" %}</span> {{ item.title|sv }} ({% blocktranslate with position=item.position %}plats {{ position }}{% endblocktranslate %})</li>{% endfor %}
  {% for item in changes.removed %}<li><span class="change change-removed">{% translate "Borttagen" %}</span> {{ item.title|sv }}</li>{% endfor %}
  {% for item in changes.moved %}<li><span class="change change-moved">{% translate "Flyttad" %}</span> {{ item.title|sv }} ({% blocktranslate with old=item.old_position new=item.position %}plats {{ old }} → {{ new }}{% endblocktranslate %})</li>{% endfor %}
  {% for item in changes.time_changed %}<li><span class="change change-time">{% translate "Ny tid" %}</span> {{ item.title|sv }} ({% blocktranslate with old=item.old_minutes new=item.minutes %}{{ old }} → {{ new }} minuter{% endblocktranslate %})</li>{% endfor %}
  {% for item in changes.edited %}<li><span class="change change-edited">{% translate "Ändrad" %}</span> {{ item.title|sv }}</li>{% endfor %}
</ul>{% else %}<p>{% translate "Inga ändringar." %}</p>{% endif %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_agenda_changes_are_the_template(language):
    """`{% agenda_changes %}` writes what the template wrote: an item added, one removed, one
    moved, one retimed and one edited (titles that need escaping), and no change at all."""

    def item(pk, position, title, minutes=15, **extra):
        return {
            "id": pk,
            "position": position,
            "title": title,
            "minutes": minutes,
            "presenter": "",
            "description": "",
            **extra,
        }

    old = [item(1, 1, "Ett & <två>"), item(2, 2, "Två"), item(3, 3, "Tre"), item(4, 4, "Fyra")]
    new = [
        item(3, 1, "Tre", minutes=30),
        item(1, 2, 'Ett & "två"'),
        item(2, 3, "Två", presenter="Eva"),
        item(5, 4, "Fem <ny>"),
    ]
    written = get_template("meetings/agenda/_agenda_changes.html")
    with translation.override(language):
        for changes in (versions.diff(old, new), versions.diff(old, old)):
            expected = Template(TEMPLATE_CHANGES).render(Context({"changes": changes}))
            assert written.render({"changes": changes}) == expected
        html = written.render({"changes": versions.diff(old, new)})
    for kind in ("added", "removed", "moved", "time", "edited"):
        assert f"change-{kind}" in html
    assert "Fem &lt;ny&gt;" in html
