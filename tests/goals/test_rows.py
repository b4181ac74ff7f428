"""A goal's page's lists written in Python (meetings/goals/rows.py) are the template loops they
replaced, in both languages."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from config import paging
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


# The chart as templates/meetings/goals/_indicator_chart.html wrote it (an include per
# indicator of the goal's page).
TEMPLATE_CHART = """{% load i18n %}
{# A line chart of the indicator's values against the straight path to the target. The same numbers are in the table that follows it, so the chart is hidden from screen readers. #}
{% with chart=figures.chart %}
<svg class="chart chart-series" id="chart-indicator-{{ figures.indicator.pk }}" viewBox="0 0 {{ chart.width }} {{ chart.height }}" width="{{ chart.width }}" height="{{ chart.height }}" role="presentation" aria-hidden="true" focusable="false">
  <line class="chart-axis" x1="{{ chart.left }}" x2="{{ chart.left }}" y1="{{ chart.top }}" y2="{{ chart.axis_y }}"></line>
  <line class="chart-axis" x1="{{ chart.left }}" x2="{{ chart.right }}" y1="{{ chart.axis_y }}" y2="{{ chart.axis_y }}"></line>
  <text class="chart-label" x="{{ chart.left|add:-6 }}" y="{{ chart.top|add:4 }}" text-anchor="end">{{ chart.high_label }}</text>
  <text class="chart-label" x="{{ chart.left|add:-6 }}" y="{{ chart.axis_y|add:4 }}" text-anchor="end">{{ chart.low_label }}</text>
  <text class="chart-label" x="{{ chart.first_x }}" y="{{ chart.axis_y|add:20 }}" text-anchor="middle">{{ chart.first_year }}</text>
  <text class="chart-label" x="{{ chart.last_x }}" y="{{ chart.axis_y|add:20 }}" text-anchor="middle">{{ chart.last_year }}</text>
  <line class="chart-target" x1="{{ chart.target_path.x1 }}" y1="{{ chart.target_path.y1 }}" x2="{{ chart.target_path.x2 }}" y2="{{ chart.target_path.y2 }}"></line>
  {% if chart.points %}<polyline class="chart-line" points="{{ chart.line }}"></polyline>{% endif %}
  {{ chart.dots }}
</svg>
<p class="chart-key" aria-hidden="true">{% translate "Heldragen linje: uppmätta värden. Streckad linje: rak väg från basåret till målet." %}</p>
{% endwith %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_python_chart_is_the_template_chart(goal, neh, language):
    """An indicator's chart written in Python (`IndicatorFigures.chart_html`) is what the
    template include wrote (TEMPLATE_CHART): with values, without, and with its older years
    left out."""
    from meetings.goals import figures as goals

    factories.make_indicator(goal, name="Utan <värden>", unit="st & mer", values={})
    factories.make_indicator(
        goal,
        name="Många",
        values={year: str(1000 - 7 * n) for n, year in enumerate(range(2000, 2025))},
    )
    (figures,) = goals.figures_of([views._goal_with_figures(goal.pk)])
    figures.indicators[2].window = 10
    assert [len(item.points) for item in figures.indicators] == [3, 0, 25]
    with translation.override(language):
        for item in figures.indicators:
            expected = Template(TEMPLATE_CHART).render(Context({"figures": item}))
            assert item.chart_html == expected


# A page of the action plan's rows as templates/meetings/goals/goal_detail.html wrote them.
TEMPLATE_ACTION_ROWS = """{% load i18n %}{% with page=actions_page %}{% for action in actions %}
        <tr{% if request.htmx and forloop.first %} data-announce="{% blocktranslate with last=page.end_index total=page.paginator.count %}Visar 1–{{ last }} av {{ total }} åtgärder.{% endblocktranslate %}"{% endif %}><th scope="row"{% if request.htmx and forloop.first %} tabindex="-1" data-focus{% endif %}>{{ action.title|sv }}</th><td>{{ action.responsible_names|join:", "|default:"–"|sv }}</td><td><time datetime="{{ action.due_on.isoformat }}">{{ action.due_on|long_date }}</time>{% if not action.is_done and action.due_on < today %} <span class="badge badge-warning">{% translate "försenad" %}</span>{% endif %}</td><td>{{ action.get_status_display }}</td></tr>
        {% endfor %}{% endwith %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
def test_action_plan_rows_are_the_template_loop(
    goal, neh, administration, other_administration, language, htmx
):
    """A page of a goal's action plan written in Python (`action_plan_rows`): late and on
    time, open and done, with several responsible administrations and none, text to escape;
    for htmx's "Visa fler" the first row announces the page and takes the focus."""
    import datetime
    from types import SimpleNamespace

    from django.core.paginator import Paginator
    from django.utils import timezone

    from meetings.goals.rows import action_plan_rows
    from meetings.models import ActionItem

    today = timezone.localdate()
    meeting = factories.make_meeting(neh, days_ahead=-10)
    for n, (days, status, title) in enumerate(
        [
            (-5, ActionItem.Status.OPEN, "Sen & <försenad>"),
            (-5, ActionItem.Status.DONE, "Klar men sen"),
            (20, ActionItem.Status.OPEN, 'Ny "plan"'),
        ]
    ):
        factories.make_action(
            meeting,
            goal=goal,
            title=title,
            status=status,
            due_on=today + datetime.timedelta(days=days),
            administrations=[administration, other_administration][: 2 - n],
        )
    actions = by_shape(views._plan, 20, goal_id=goal.pk)
    views._load_responsible(actions)
    assert sorted(len(action.responsible_names) for action in actions) == [0, 1, 2]
    page = Paginator(list(range(45)), 20).page(1)
    context = {
        "actions": actions,
        "actions_page": page,
        "today": today,
        "request": SimpleNamespace(htmx=htmx),
    }
    with translation.override(language):
        expected = Template(TEMPLATE_ACTION_ROWS).render(Context(context))
        found = action_plan_rows(actions, today, page, htmx)
    assert found == expected
    assert expected.count("badge-warning") == 1 and ("data-focus" in expected) == htmx
    assert action_plan_rows([], today, page, htmx) == ""


# The indicators as templates/meetings/goals/goal_detail.html's loop wrote them, with its
# include of templates/meetings/goals/_indicator_table.html (below as it was).
TEMPLATE_INDICATOR_TABLE = """{% load i18n %}<div class="table-wrap">
  <table class="indicator-table" id="table-indicator-{{ figures.indicator.pk }}">
    <caption>{% blocktranslate with name=figures.indicator.name|sv unit=figures.indicator.unit %}{{ name }} ({{ unit }}) per år, mot målets väg{% endblocktranslate %}</caption>
    <thead><tr><th scope="col">{% translate "År" %}</th><th scope="col">{% translate "Värde" %}</th><th scope="col">{% translate "Väg mot målet" %}</th><th scope="col">{% translate "I fas" %}</th></tr></thead>
    <tbody>
      {% if figures.points %}{{ figures.table_rows }}{% else %}
      <tr><td colspan="4">{% translate "Inga värden registrerade ännu." %}</td></tr>
      {% endif %}
    </tbody>
  </table>
</div>
{% if figures.hidden_count %}
<p class="indicator-years">{% blocktranslate with shown=figures.shown_points|length total=figures.points|length %}Visar de senaste {{ shown }} av {{ total }} år.{% endblocktranslate %} <a href="{{ all_years_query }}#indicator-{{ figures.indicator.pk }}">{% translate "Visa alla år" %}<span class="visually-hidden">: {{ figures.indicator.name|sv }}</span></a></p>
{% elif figures.points|length > recent_years %}
<p class="indicator-years"><a href="{{ request.path }}#indicator-{{ figures.indicator.pk }}">{% blocktranslate with count=recent_years %}Visa bara de senaste {{ count }} åren{% endblocktranslate %}<span class="visually-hidden">: {{ figures.indicator.name|sv }}</span></a></p>
{% endif %}
"""  # noqa: E501
TEMPLATE_INDICATORS = """{% load i18n %}{% for item in figures.indicators %}
  <article class="indicator" id="indicator-{{ item.indicator.pk }}" aria-labelledby="indicator-heading-{{ item.indicator.pk }}">
    <h3 id="indicator-heading-{{ item.indicator.pk }}">{{ item.indicator.name|sv }} ({{ item.indicator.unit }})</h3>
    <dl class="facts">
      <dt>{% translate "Basår" %}</dt><dd>{{ item.indicator.baseline_year }}: {{ item.baseline_label }} {{ item.indicator.unit }}</dd>
      <dt>{% translate "Mål" %}</dt><dd>{{ item.target_label }} {{ item.indicator.unit }} {% blocktranslate with year=goal.target_year %}till {{ year }}{% endblocktranslate %} ({{ item.indicator.get_direction_display|lower }})</dd>
      <dt>{% translate "Senaste värde" %}</dt><dd class="latest-value">{% if item.latest %}{{ item.latest_label }} {{ item.indicator.unit }} ({{ item.latest.year }}){% else %}–{% endif %}</dd>
      <dt>{% translate "Framsteg" %}</dt><dd>{% if item.progress is None %}–{% else %}{% blocktranslate with progress=item.progress %}{{ progress }} % av vägen från basåret till målet{% endblocktranslate %}{% endif %}</dd>
      <dt>{% translate "Läge" %}</dt><dd>{{ item.status_badge }}</dd>
      <dt>{% translate "Ansvarig förvaltning" %}</dt><dd>{{ item.indicator.responsible_administration.name|sv|default:"–" }}</dd>
    </dl>
    {{ item.chart_html }}
    {% include indicator_table with figures=item %}
    {% if item.can_record or can_coordinate %}
    <ul class="action-links">
      {% if item.can_record %}<li><a class="button" href="{% url 'indicator_value_record' item.indicator.pk %}">{% translate "Registrera värde" %}<span class="visually-hidden">: {{ item.indicator.name|sv }}</span></a></li>{% endif %}
      {% if can_coordinate %}<li><a class="button button-secondary" href="{% url 'indicator_edit' item.indicator.pk %}">{% translate "Ändra indikatorn" %}<span class="visually-hidden">: {{ item.indicator.name|sv }}</span></a></li>
      <li>{% include "meetings/history/_link.html" with key="indikator" pk=item.indicator.pk title=item.indicator.name %}</li>{% endif %}
    </ul>
    {% endif %}
  </article>
  {% empty %}
  <p>{% translate "Målet har inga indikatorer ännu." %}</p>
  {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("can_coordinate", [False, True])
def test_indicator_articles_are_the_template_loop(
    goal, neh, administration, rf, language, can_coordinate
):
    """A goal's indicators written in Python (`indicator_articles`): with values and
    without, with older years left out, with every year shown though there are more than the
    recent ones, with few years, with and without a responsible administration, either
    direction, text to escape; recording allowed or not; and a goal without indicators."""
    from decimal import Decimal

    from meetings.goals import figures as goals
    from meetings.goals.rows import indicator_articles
    from meetings.models import Indicator

    factories.make_indicator(goal, name="Utan <värden>", unit="st & mer", values={})
    factories.make_indicator(
        goal,
        name="Många",
        direction=Indicator.Direction.HIGHER,
        baseline_value=Decimal("-2.5"),
        target_value=Decimal("100"),
        values={year: str(7 * n - 3) for n, year in enumerate(range(2000, 2025))},
    )
    factories.make_indicator(goal, name="Alla år", values=dict.fromkeys(range(2010, 2024), "900"))
    (figures,) = goals.figures_of([views._goal_with_figures(goal.pk)])
    figures.indicators[2].window = views.RECENT_YEARS
    for n, item in enumerate(figures.indicators):
        item.can_record = n % 2 == 0
    assert [len(item.points) for item in figures.indicators] == [3, 0, 25, 14]
    assert figures.indicators[0].indicator.responsible_administration == administration
    request = rf.get(f"/mal/{goal.pk}/?ar=alla")
    context = {
        "figures": figures,
        "goal": goal,
        "can_coordinate": can_coordinate,
        "request": request,
        "all_years_query": "?ar=alla",
        "recent_years": views.RECENT_YEARS,
        "indicator_table": Template(TEMPLATE_INDICATOR_TABLE),
    }
    empty = goals.figures_of([views._goal_with_figures(factories.make_goal(neh).pk)])[0]
    found = []
    with translation.override(language):
        for shown in (figures, empty):
            expected = Template(TEMPLATE_INDICATORS).render(Context({**context, "figures": shown}))
            written = indicator_articles(
                shown,
                can_coordinate=can_coordinate,
                request_path=request.path,
                all_years_query="?ar=alla",
                recent_years=views.RECENT_YEARS,
            )
            assert written == expected
            found.append(written)
    assert "Utan &lt;värden&gt;" in found[0] and "(st &amp; mer)" in found[0]
    assert found[0].count("indicator-years") == 2 and found[1].count("<article") == 0
    assert found[0].count('class="history-link"') == (4 if can_coordinate else 0)


# The goal report's rows as templates/meetings/goals/goal_report.html wrote them in its loops.
TEMPLATE_REPORT_ROWS = """{% load i18n %}{% for area, items in groups %}
      <tr class="report-group-row"{% if request.htmx and forloop.first %} data-announce="{% blocktranslate with last=page.end_index total=page.paginator.count %}Visar 1–{{ last }} av {{ total }} mål.{% endblocktranslate %}"{% endif %}><th scope="colgroup" colspan="7" class="report-group">{{ area.name|sv }}</th></tr>
      {% for figures in items %}
      {% for item in figures.indicators %}
      <tr class="goal-row">
        {% if forloop.first %}<th scope="row" rowspan="{{ figures.indicators|length }}"{% if request.htmx and forloop.parentloop.first and forloop.parentloop.parentloop.first %} tabindex="-1" data-focus{% endif %}>{{ figures.goal.title|sv }} ({{ figures.goal.target_year }})</th>{% endif %}
        {{ item.report_cells }}
        {% if forloop.first %}<td rowspan="{{ figures.indicators|length }}">{{ figures.open_count }}{% if figures.overdue_count %} ({% blocktranslate count count=figures.overdue_count %}{{ count }} försenad{% plural %}{{ count }} försenade{% endblocktranslate %}){% endif %}</td>{% endif %}
      </tr>
      {% empty %}
      <tr class="goal-row"><th scope="row"{% if request.htmx and forloop.parentloop.first and forloop.first %} tabindex="-1" data-focus{% endif %}>{{ figures.goal.title|sv }} ({{ figures.goal.target_year }})</th><td colspan="5">{% translate "Inga indikatorer" %}</td><td>{{ figures.open_count }}</td></tr>
      {% endfor %}
      {% endfor %}
    {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
def test_the_python_report_rows_are_the_template_loops(goal, neh, language, htmx):
    """The goal report's rows written in Python (`report_rows`) are what its template loops
    wrote: two work areas, a goal with two indicators and overdue actions (one, then two), a
    goal without indicators, names to escape, with and without the "Visa fler" focus."""
    import datetime
    from types import SimpleNamespace

    from django.utils import timezone

    from meetings.goals.rows import report_rows
    from networks.models import WorkArea

    factories.make_indicator(goal, name="Andra & <mer>", values={2019: "3", 2023: "4.25"})
    factories.make_goal(neh, title="Utan <indikatorer>", target_year=2045)
    area = WorkArea.objects.create(network=neh, name="Område & <två>", position=99)
    second = factories.make_goal(neh, title="Andra området", work_area=area)
    factories.make_indicator(second, name="Enda")
    meeting = factories.make_meeting(neh, days_ahead=-10)
    today = timezone.localdate()
    for due_in in (-3, 5):
        factories.make_action(meeting, goal=goal, due_on=today + datetime.timedelta(days=due_in))
    for due_in in (-3, -1):
        factories.make_action(meeting, goal=second, due_on=today + datetime.timedelta(days=due_in))
    page = paging.counted_page(RequestFactory().get("/"), views._report_goals(neh))
    groups = views._grouped_by_work_area(views._report_figures(page.object_list))
    assert len(groups) == 2 and len(page.object_list) == 3
    request = SimpleNamespace(htmx=htmx)
    with translation.override(language):
        context = Context({"groups": groups, "page": page, "request": request})
        expected = Template(TEMPLATE_REPORT_ROWS).render(context)
        assert report_rows(groups, page, htmx) == expected
    assert ("data-focus" in expected) == htmx
    assert "Område &amp; &lt;två&gt;" in expected and '<td colspan="5">' in expected
    assert ("1 försenad" in expected and "2 försenade" in expected) == (language == "sv")
