"""The counts above the coordinators' list of answers (`{% answer_counts_html %}`,
meetings/templatetags/answer_rows.py) are what participation/_participation.html wrote as
template tags, in both languages, before and after the meeting began."""

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings.participation.workflow import AnswerCounts

# The counts as the template wrote them.
TEMPLATE_COUNTS = """{% load i18n %}{% with counts=answer_counts %}
      <h3 class="h-small" id="answer-counts-heading">{% translate "Förvaltningarnas svar" %}</h3>
      <dl class="facts" id="answer-counts" aria-labelledby="answer-counts-heading">
        <dt>{% translate "Kommer" %}</dt><dd data-count="coming">{{ counts.coming }}</dd>
        <dt>{% translate "Kommer inte" %}</dt><dd data-count="not-coming">{{ counts.not_coming }}</dd>
        <dt>{% translate "Har inte svarat" %}</dt><dd data-count="not-answered">{{ counts.not_answered }}</dd>
        {% if attendance_open %}
        <dt>{% translate "Närvarande" %}</dt><dd data-count="present">{{ counts.present }}</dd>
        <dt>{% translate "Frånvarande" %}</dt><dd data-count="absent">{{ counts.absent }}</dd>
        <dt>{% translate "Inte avprickade" %}</dt><dd data-count="not-ticked">{{ counts.not_ticked }}</dd>
        {% endif %}
      </dl>
      <p>{% blocktranslate count total=counts.total trimmed %}{{ total }} förvaltning i nätverket. De som inte har svarat står först.{% plural %}{{ total }} förvaltningar i nätverket. De som inte har svarat står först.{% endblocktranslate %}</p>
      {% endwith %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_answer_counts_are_the_template(language):
    written = Template(
        "{% load answer_rows %}{% answer_counts_html answer_counts attendance_open %}"
    )
    with translation.override(language):
        for counts in (
            AnswerCounts(),
            AnswerCounts(coming=1),
            AnswerCounts(coming=3, not_coming=2, not_answered=1400, present=2, absent=1),
        ):
            for attendance_open in (False, True):
                context = {"answer_counts": counts, "attendance_open": attendance_open}
                expected = Template(TEMPLATE_COUNTS).render(Context(context))
                assert written.render(Context(context)) == expected
                assert ('data-count="present"' in expected) == attendance_open
