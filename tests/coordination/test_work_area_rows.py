"""The network page's work areas written by `{% work_area_rows %}`
(networks/templatetags/work_area_rows.py) are what the template loop they replaced wrote, for
coordinators (with their tools and the focus after a change) and others, in both languages."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from networks.views import work_area_context

pytestmark = pytest.mark.django_db

# The loop of templates/networks/_work_areas.html before the rows were written in Python.
TEMPLATE_LOOP = """{% load i18n %}<ol>
    {% for area in work_areas %}
      <li id="work-area-{{ area.pk }}" tabindex="-1"{% if focus_pk == area.pk and focus_target == "item" %} data-focus{% endif %}>
        <span class="work-area-name">{{ area.name|sv }}</span>
        {% if can_coordinate %}
          <span class="work-area-tools">
            <form method="post" action="{% url 'work_area_move' network.code|lower area.pk %}" hx-post="{% url 'work_area_move' network.code|lower area.pk %}" hx-target="#work-areas-section" hx-swap="outerHTML">
              {% csrf_token %}
              <input type="hidden" name="direction" value="up">
              <button type="submit" class="button-secondary" id="move-up-{{ area.pk }}"{% if forloop.first %} disabled{% endif %}{% if focus_pk == area.pk and focus_target == "up" %} data-focus{% endif %}>{% translate "Upp" %}<span class="visually-hidden">: {{ area.name|sv }}</span></button>
            </form>
            <form method="post" action="{% url 'work_area_move' network.code|lower area.pk %}" hx-post="{% url 'work_area_move' network.code|lower area.pk %}" hx-target="#work-areas-section" hx-swap="outerHTML">
              {% csrf_token %}
              <input type="hidden" name="direction" value="down">
              <button type="submit" class="button-secondary" id="move-down-{{ area.pk }}"{% if forloop.last %} disabled{% endif %}{% if focus_pk == area.pk and focus_target == "down" %} data-focus{% endif %}>{% translate "Ner" %}<span class="visually-hidden">: {{ area.name|sv }}</span></button>
            </form>
            <a href="{% url 'work_area_edit' network.code|lower area.pk %}">{% translate "Redigera" %}<span class="visually-hidden">: {{ area.name|sv }}</span></a>
            <form method="post" action="{% url 'work_area_archive' network.code|lower area.pk %}" hx-post="{% url 'work_area_archive' network.code|lower area.pk %}" hx-target="#work-areas-section" hx-swap="outerHTML">
              {% csrf_token %}
              <button type="submit" class="button-secondary">{% translate "Arkivera" %}<span class="visually-hidden">: {{ area.name|sv }}</span></button>
            </form>
          </span>
        {% endif %}
      </li>
    {% empty %}<li>{% translate "Inga arbetsområden." %}</li>{% endfor %}
</ol>"""  # noqa: E501
NEW = "{% load i18n work_area_rows %}<ol>{% work_area_rows %}</ol>"


def _normalised(html: str) -> str:
    """The same HTML to a browser: runs of white space are one space, none between tags."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("coordinating", [True, False])
@pytest.mark.parametrize("focus", [{}, {"target": "item"}, {"target": "up"}, {"target": "down"}])
def test_rows_are_the_template_rows(neh, language, coordinating, focus):
    neh.work_areas.create(name="Mark & <vatten>", position=50)
    context = work_area_context(neh, coordinating)
    areas = context["work_areas"]
    assert len(areas) > 2
    if focus:
        context |= {"focus_pk": areas[1].pk, "focus_target": focus["target"]}
    context["csrf_token"] = "token-1"
    with translation.override(language):
        old = Template(TEMPLATE_LOOP).render(Context(context))
        new = Template(NEW).render(Context(context))
    assert _normalised(new) == _normalised(old)
    assert ("move-up-" in new) == coordinating and "Mark &amp; &lt;vatten&gt;" in new
    if focus and (coordinating or focus["target"] == "item"):
        assert new.count("data-focus") == 1
