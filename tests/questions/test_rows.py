"""The question list's rows written in Python (meetings/questions/rows.py) are the template row
they replaced, in both languages, as a page and as htmx's "Visa fler"."""

import re
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation

from meetings.models import AgendaItem, Question
from meetings.questions.rows import question_rows
from meetings.questions.views import LIST_FIELDS, LIST_RELATED
from tests import factories

pytestmark = pytest.mark.django_db

# The row as templates/meetings/questions/question_list.html wrote it (its `question-rows`
# partial), with its cells as the template's filters write them.
TEMPLATE_ROWS = """{% load i18n %}{% for question in rows %}
      <tr{% if request.htmx and forloop.first %} data-announce="{% blocktranslate with last=page.end_index total=page.paginator.count %}Visar 1–{{ last }} av {{ total }} frågor.{% endblocktranslate %}"{% endif %}>
        <th scope="row"><a href="{% url 'question_detail' question.pk %}"{% if request.htmx and forloop.first %} data-focus{% endif %}>{{ question.title|sv }}</a></th>
        <td>{{ question.administration.name|sv }}</td><td>{{ question.raised_on|date:"Y-m-d" }}</td><td>{{ question.state_label }}</td><td>{{ question.network.code }}{% if question.meeting %} · {% translate "möte" %} {{ question.meeting.starts_at|long_date }}{% elif question.agenda_item %} · {% translate "möte" %} {{ question.agenda_item.meeting.starts_at|long_date }}{% endif %}</td>
      </tr>
{% endfor %}"""  # noqa: E501


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
def test_python_rows_are_the_template_rows(neh, administration, held, language, htmx):
    social = factories.make_administration("Social & <omsorg>")
    item = factories.make_agenda_item(held, title="Punkt")
    AgendaItem.objects.filter(pk=item.pk).update(status=AgendaItem.Status.ACCEPTED)
    factories.make_question(neh, administration, title="Matsvinn & <skolor>?")
    factories.make_question(neh, social, state="on_agenda", agenda_item=item, title="På punkt")
    factories.make_question(neh, administration, state="outcome", meeting=held, title="Utfall")
    factories.make_question(neh, social, state="closed", meeting=held, title="Stängd")
    queryset = (
        Question.objects.select_related(*LIST_RELATED).only(*LIST_FIELDS).order_by("raised_on")
    )
    page = Paginator(queryset, 3).page(1)
    rows = list(page.object_list)
    with translation.override(language):
        context = {"rows": rows, "page": page, "request": SimpleNamespace(htmx=htmx)}
        expected = Template(TEMPLATE_ROWS).render(Context(context))
        written = question_rows(rows, page, htmx)
    assert _normalised(written) == _normalised(expected)
    assert written.count("<tr") == 3
    assert "Matsvinn &amp; &lt;skolor&gt;?" in written and " · " in written
    if language == "en":
        assert '<span lang="sv">Social &amp; &lt;omsorg&gt;</span>' in written
    assert ('data-announce="Visar 1–3 av 4 frågor."' in written) == (htmx and language == "sv")


@pytest.mark.parametrize("ordering", [("raised_on", "pk"), ("-raised_on", "-pk"), ()])
def test_ids_first_pages_are_the_querysets_pages(neh, nsh, administration, held, ordering):
    """IdsFirst (config/paging.py) gives each page the rows, order and joined objects that
    paging the queryset itself gives, and its count; a queryset without an order of its own
    is paged in the model's."""
    import datetime

    from django.utils import timezone

    from meetings.paging import IdsFirst

    social = factories.make_administration("Socialförvaltningen")
    day = timezone.localdate()
    for n in range(7):
        factories.make_question(
            neh if n % 3 else nsh,
            social if n % 2 else administration,
            meeting=held if n % 4 == 0 else None,
            raised_on=day - datetime.timedelta(days=n % 3),  # equal days: the pk decides
            title=f"Fråga {n}",
        )
    rows = Question.objects.filter(network__in=[neh, nsh])
    rows = rows.order_by(*ordering) if ordering else rows

    def read(queryset):
        return queryset.select_related(*LIST_RELATED).only(*LIST_FIELDS)

    paged, plain = Paginator(IdsFirst(rows, read), 3), Paginator(read(rows), 3)
    assert paged.count == plain.count == 7 and paged.num_pages == 3
    for number in (1, 2, 3):
        found, expected = list(paged.page(number)), list(plain.page(number))
        assert found == expected
        assert [(q.network.code, q.administration.name, q.meeting) for q in found] == [
            (q.network.code, q.administration.name, q.meeting) for q in expected
        ]
    assert list(IdsFirst(rows.none(), read)[0:3]) == []
