"""A goal's page's lists written in Python (meetings/goals/rows.py) are the template loops they
replaced, in both languages."""

import pytest
from django.template import Context, Template
from django.utils import translation

from config.prepared import by_shape, numbering
from meetings.goals import views
from meetings.goals.rows import document_items, follow_up_items
from tests import factories

pytestmark = pytest.mark.django_db

# The loops as templates/meetings/goals/goal_detail.html wrote them.
TEMPLATE_FOLLOW_UPS = """{% for item in agenda_items %}
    <li><a href="{{ item.meeting.get_absolute_url }}">{{ item.meeting.starts_at|long_date }}</a>: {{ item.title|sv }}</li>
    {% endfor %}"""  # noqa: E501
TEMPLATE_DOCUMENTS = """{% for document in documents %}<li><a href="{{ document.get_absolute_url }}">{{ document.title|sv }}</a> ({{ document.get_kind_display|lower }})</li>{% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_python_lists_are_the_template_loops(goal, neh, language):
    for days, title in [(-40, "Klimat & <utsläpp>"), (-10, "Uppföljning")]:
        meeting = factories.make_meeting(neh, days_ahead=days)
        factories.make_agenda_item(meeting, position=1, goal=goal, title=title)
    for kind, title in [("report", 'Rapport "2024" & <mer>'), ("minutes", "Protokoll")]:
        factories.make_document(neh, kind=kind, title=title).work_areas.add(goal.work_area)
    items = by_shape(views._follow_ups, 11, goal_id=goal.pk, **numbering("network_", [neh.pk]))
    documents = by_shape(
        views._area_documents, 10, network_id=neh.pk, work_area_id=goal.work_area_id
    )
    assert len(items) == 2 and len(documents) == 2
    with translation.override(language):
        context = Context({"agenda_items": items, "documents": documents})
        expected_items = Template(TEMPLATE_FOLLOW_UPS).render(context)
        expected_documents = Template(TEMPLATE_DOCUMENTS).render(context)
        assert follow_up_items(items) == expected_items
        assert document_items(documents) == expected_documents
    assert "Klimat &amp; &lt;utsläpp&gt;" in follow_up_items(items)
    assert ("lang=" in expected_items) == (language == "en")
    assert follow_up_items([]) == "" and document_items([]) == ""
