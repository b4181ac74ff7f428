"""The action list's rows written in Python (meetings/minutes/rows.py) are the template row
they replaced, in both languages, as a page and as htmx's "Visa fler"."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import timezone, translation

from meetings.minutes import actions
from meetings.minutes.rows import action_rows
from meetings.models import ActionItem
from tests import factories

pytestmark = pytest.mark.django_db

# The row as templates/meetings/minutes/action_list.html wrote it (its `action-row` partial).
TEMPLATE_ROWS = """{% load i18n %}{% for action in actions %}
      <tr{% if request.htmx and forloop.first %} data-announce="{% blocktranslate with last=page.end_index total=page.paginator.count %}Visar 1–{{ last }} av {{ total }} åtgärder.{% endblocktranslate %}"{% endif %}>
        <td><a href="{% url 'action_done' action.pk %}"{% if request.htmx and forloop.first %} data-focus{% endif %}>{{ action.title|sv }}</a></td>
        <td><a href="{{ action.meeting.get_absolute_url }}">{{ action.meeting.starts_at|long_date }}</a></td>
        <td>{{ action.responsible_names|sv }}</td>
        <td>{{ action.due_on|long_date }}{% if action.is_overdue %} <span class="badge badge-warning">{% translate "försenad" %}</span>{% endif %}</td>
        <td>{{ action.get_status_display }}{% if action.done_comment %}: {{ action.done_comment|truncatechars:120|sv }}{% endif %}</td>
      </tr>
{% endfor %}"""  # noqa: E501


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
def test_python_rows_are_the_template_rows(
    held, neh, administration, other_administration, language, htmx
):
    factories.make_action(
        held,
        title="Skyfall & <dagvatten>",
        administrations=[administration, other_administration],
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    factories.make_action(held, title="Solel", administrations=[administration])
    factories.make_action(
        held,
        status=ActionItem.Status.DONE,
        done_comment="Klart <nu> & " + "lång motivering " * 12,
        due_on=timezone.localdate() - datetime.timedelta(days=9),
    )
    for queryset in (actions.open_of_network(neh), actions.done_of_network(neh)):
        page = Paginator(queryset, 20).page(1)
        rows = actions.describe(page.object_list)
        with translation.override(language):
            context = {"actions": rows, "page": page, "request": SimpleNamespace(htmx=htmx)}
            expected = Template(TEMPLATE_ROWS).render(Context(context))
            written = action_rows(rows, page, htmx)
        assert _normalised(written) == _normalised(expected)
        assert written.count("<tr") == len(rows) > 0
    assert "Skyfall &amp; &lt;dagvatten&gt;" in action_rows(
        actions.describe(actions.open_of_network(neh)), page, htmx
    )
