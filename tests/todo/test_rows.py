"""The to-do rows written in Python (meetings/todo/rows.py) are the template rows they replaced,
for every kind of row, in both languages."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from meetings.todo.items import Item, Row
from meetings.todo.rows import coordinator_rows, todo_rows

# The rows as templates/meetings/todo/_list.html wrote them in a template loop.
TEMPLATE_ROWS = """{% load i18n %}{% for item in items %}
    <li class="todo-item{% if item.overdue %} is-overdue{% endif %}"{% if announce and forloop.first %} tabindex="-1" data-focus{% endif %}>
      <a href="{{ item.url }}">{{ item.action }}<span class="visually-hidden">: {{ item.title|sv }}</span></a>
      <span class="todo-subject">{% if not item.names_its_kind %}{{ item.kind_label }}: {% endif %}{{ item.title|sv }}</span>
      <span class="meeting-meta">{{ item.network_code }}{% if show_administration and item.administration %} · {{ item.administration|sv }}{% endif %}
        · {% if item.due %}{% if item.kind == "answer" %}{% translate "mötet är" %}{% else %}{% translate "senast" %}{% endif %} <time datetime="{{ item.due|date:'Y-m-d' }}">{{ item.due|long_date }}</time>{% elif item.held_on %}{% translate "mötet hölls" %} <time datetime="{{ item.held_on|date:'Y-m-d' }}">{{ item.held_on|long_date }}</time>{% endif %}
        {% include "components/_tag.html" with status=item.status text=item.status_label %}</span>
    </li>
  {% endfor %}"""  # noqa: E501


def _items() -> list[Item]:
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    return [
        Item("answer", "a", "Klimat & <hav>", today + 3 * day, "/moten/1/svar/", "Svara", "NEH"),
        Item("action", "b", "Kartlägg", today - day, "/a/2/", "Klar", "NSH", "Miljö & co"),
        Item("consultation", "c", "Remiss: ny plan", today + 60 * day, "/d/3/", "Svara", "NEH"),
        Item("pack", "d", "Möte", None, "/p/4/", "Öppna", "NEH", "Socialförv.", held_on=today),
        Item("proposals", "e", "Utan datum", None, "/e/5/", "Föreslå", "NEH"),
    ]


def _normalised(html: str) -> str:
    """The same HTML to a browser: runs of white space are one space."""
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("show_administration", [True, False])
@pytest.mark.parametrize("announce", ["", "Visar 21–40 av 45."])
def test_python_rows_are_the_template_rows(language, show_administration, announce):
    items = _items()
    context = {"items": items, "show_administration": show_administration, "announce": announce}
    with translation.override(language):
        expected = Template(TEMPLATE_ROWS).render(Context(context))
        written = todo_rows(items, show_administration=show_administration, announce=announce)
    assert _normalised(written) == _normalised(expected)
    assert "Klimat &amp; &lt;hav&gt;" in written


# The coordinators' rows as templates/meetings/todo/_rows.html wrote them in a template loop.
TEMPLATE_COORDINATOR_ROWS = """{% load i18n %}{% for row in rows %}
    <li class="todo-item{% if row.late %} is-overdue{% endif %}">
      <a href="{{ row.url }}">{{ row.title|sv }}</a>
      <span class="meeting-meta">{{ row.network_code }}{% if row.date %} · <time datetime="{{ row.date|date:'Y-m-d' }}">{{ row.date|long_date }}</time>{% endif %}
        {% if row.late %}{% include "components/_tag.html" with status="late" text=row.tag %}{% else %}{% include "components/_tag.html" with status="open" text=row.tag %}{% endif %}</span>
    </li>
  {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_python_coordinator_rows_are_the_template_rows(language):
    today = timezone.localdate()
    rows = [
        Row("Förslag & <idé>", "NEH", "/dagordning/1/", today, "Nytt förslag"),
        Row("Utan dag", "NSH", "/fraga/2/", None, "Ny fråga"),
        Row("3 förvaltningar har inte svarat", "NEH", "/moten/3/", today, "Obesvarad", late=True),
    ]
    with translation.override(language):
        expected = Template(TEMPLATE_COORDINATOR_ROWS).render(Context({"rows": rows}))
        written = coordinator_rows(rows)
    assert _normalised(written) == _normalised(expected)
    assert "Förslag &amp; &lt;idé&gt;" in written and "tag-late" in written


# A director's questions as templates/meetings/pages/home.html wrote them in a template loop.
TEMPLATE_QUESTION_ROWS = """{% load i18n %}{% for question in director_questions %}
        <li class="todo-item"><a href="{% url 'question_detail' question.pk %}">{{ question.title|sv }}</a>
          <span class="meeting-meta">{{ question.network.code }} · <time datetime="{{ question.raised_on|date:'Y-m-d' }}">{{ question.raised_on|long_date }}</time>
          {% include "components/_tag.html" with status="open" text=question.state_label %}</span></li>
      {% endfor %}"""  # noqa: E501


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_python_question_rows_are_the_template_rows(language, neh, nsh, administration):
    """The rows from `open_questions` (columns, not instances) are the template's rows over the
    questions themselves, their states' labels too (one on the agenda by a proposal)."""
    from meetings.models import AgendaItem, Question
    from meetings.models.governance import ON_AGENDA_LABELS
    from meetings.todo.items import open_questions
    from meetings.todo.rows import question_rows
    from tests import factories

    factories.make_question(neh, administration, title="Laddplatser & <el>")
    factories.make_question(nsh, administration, title="Avfall", state=Question.State.REFERRED)
    factories.make_question(neh, administration, title="Buller", state=Question.State.ON_AGENDA)
    proposed = factories.make_question(
        neh, administration, title="Förslaget", state=Question.State.ON_AGENDA
    )
    meeting = factories.make_meeting(neh)
    item = factories.make_agenda_item(meeting, title="Förslaget", status=AgendaItem.Status.PROPOSED)
    Question.objects.filter(pk=proposed.pk).update(agenda_item=item)
    factories.make_question(neh, administration, title="Klar", state=Question.State.CLOSED)
    instances = list(
        Question.objects.exclude(state=Question.State.CLOSED).order_by("-raised_on", "-pk")
    )
    with translation.override(language):  # the labels are read in the request's language
        questions = open_questions([administration])
        expected = Template(TEMPLATE_QUESTION_ROWS).render(
            Context({"director_questions": instances})
        )
        written = question_rows(questions)
        proposed_label = str(ON_AGENDA_LABELS[AgendaItem.Status.PROPOSED])
    assert [q.pk for q in questions] == [q.pk for q in instances] and len(questions) == 4
    assert _normalised(written) == _normalised(expected)
    assert "Laddplatser &amp; &lt;el&gt;" in written and written.count("tag-open") == 4
    assert proposed_label in written


# templates/meetings/todo/_rows.html as the start page included it.
ROWS_TEMPLATE = """{% load i18n todo_tags %}{# rows: meetings.todo.items.Row list; list_id; empty: what will appear here #}
{% if rows %}
<ul class="todo-list" id="{{ list_id }}">
  {% coordinator_rows rows %}
</ul>
{% else %}
<p class="empty-state">{{ empty }}</p>
{% endif %}
"""  # noqa: E501
# The start page's lists as it wrote them: by including the list's template.
INCLUDED = """{% load i18n %}{% translate "Här visas det du har att göra." as empty %}
{% include "meetings/todo/_list.html" with items=items list_id="todo-list" empty=empty show_administration=show %}
{% include rows_template with rows=rows list_id="arrived-list" empty=empty %}"""  # noqa: E501
TAGS = """{% load i18n todo_tags %}{% translate "Här visas det du har att göra." as empty %}
{% todo_list items "todo-list" empty show %}
{% coordinator_list rows "arrived-list" empty %}"""


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("show", [True, False])
@pytest.mark.parametrize("empty", [True, False])
def test_the_list_tags_are_the_included_lists(language, show, empty):
    today = timezone.localdate()
    rows = [] if empty else [Row("Förslag & <idé>", "NEH", "/dagordning/1/", today, "Nytt")]
    context = {
        "items": [] if empty else _items(),
        "rows": rows,
        "show": show,
        "rows_template": Template(ROWS_TEMPLATE),
    }
    with translation.override(language):
        expected = Template(INCLUDED).render(Context(context))
        written = Template(TAGS).render(Context(context))
    assert written == expected
    assert ("empty-state" in written) is empty
    assert empty or "Förslag &amp; &lt;idé&gt;" in written
