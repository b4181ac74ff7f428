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


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_editors_stamped_entries_are_the_forms(
    client_for, held, administration, monkeypatch, language
):
    """The minutes editor's notes and outcomes, one blank form's fields with each item's id
    and text put in (config.form_layout.textarea_stamp), are the page each item's own form
    wrote: an entry's text that needs escaping, an empty entry, an item without one; the
    items' actions with their administrations listed as before."""
    from django.conf import settings
    from django.urls import reverse

    from meetings.minutes import views
    from meetings.minutes import workflow as minutes_workflow

    coordinator = client_for("coordinator")
    third = factories.make_agenda_item(held, position=3, title="Avfall")
    minutes_workflow.save_draft(
        held,
        None,
        "Sammanfattning",
        {
            held.items[0].pk: {"note": 'Beslut & <b>"plan"</b>\nrad två', "outcome": "Ja"},
            held.items[1].pk: {"note": "", "outcome": ""},
        },
        seen_version=0,
    )
    factories.make_action(held, agenda_item=held.items[0], administrations=[administration])
    coordinator.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("minutes_edit", kwargs={"pk": held.pk})
    stamped = coordinator.get(url).content.decode()
    context = views._edit_context
    monkeypatch.setattr(
        views, "_edit_context", lambda meeting, *args, **kwargs: context(meeting, entry_forms={})
    )
    formed = coordinator.get(url).content.decode()
    token = r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"'
    assert re.sub(token, "", stamped) == re.sub(token, "", formed)
    assert "Beslut &amp; &lt;b&gt;&quot;plan&quot;&lt;/b&gt;\nrad två</textarea>" in stamped
    assert f'name="e{third.pk}-note"' in stamped and stamped.count("<textarea") == 7
    assert administration.name in stamped
