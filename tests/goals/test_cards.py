"""The goal list's cards written in Python (`GoalFigures.card`) are the template cards they
replaced, in both languages, with and without the "Visa fler" focus."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings.goals import figures as goals
from meetings.models import Goal
from tests import factories

pytestmark = pytest.mark.django_db

# The cards as templates/meetings/goals/goal_list.html wrote them in a template loop.
TEMPLATE_CARDS = """{% load i18n %}{% for figures in items %}
    <li class="goal-card">
      <h3><a href="{{ figures.goal.get_absolute_url }}"{% if htmx and forloop.first %} data-focus data-announce="{% blocktranslate with last=last total=total %}Visar 1–{{ last }} av {{ total }} mål.{% endblocktranslate %}"{% endif %}>{{ figures.goal.title|sv }}</a></h3>
      <p>{% blocktranslate with year=figures.goal.target_year %}Till {{ year }}.{% endblocktranslate %} {{ figures.status_badge }}</p>
      <ul class="goal-figures">{{ figures.summary_items }}</ul>
    </li>
    {% endfor %}"""  # noqa: E501


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
def test_python_cards_are_the_template_cards(goal, neh, language, htmx):
    factories.make_goal(neh, title="Fossilfria <resor> & transporter", target_year=2035)
    items = goals.figures_of(goals.figures_queryset(Goal.objects.order_by("pk"), latest_only=True))
    with translation.override(language):
        announce = (
            translation.gettext("Visar 1–%(last)s av %(total)s mål.") % {"last": 2, "total": 7}
            if htmx
            else ""
        )
        context = {"items": items, "htmx": htmx, "last": 2, "total": 7}
        expected = Template(TEMPLATE_CARDS).render(Context(context))
        ((_area, written),) = goals.goal_cards([(None, items)], announce)
    assert _normalised(written) == _normalised(expected)
    assert "Fossilfria &lt;resor&gt; &amp; transporter" in written
    assert written.count("data-focus") == (1 if htmx else 0)


def test_the_lists_plain_read_gives_the_prefetched_figures(goal, neh):
    other = factories.make_goal(neh, title="Utan värden")
    factories.make_indicator(other, name="Ny indikator", values={})
    factories.make_indicator(goal, name="Andra", values={2019: "3", 2023: "4.25"})
    goals_in_order = list(Goal.objects.order_by("pk"))
    prefetched = goals.figures_of(
        goals.figures_queryset(Goal.objects.order_by("pk"), latest_only=True, lean=True)
    )
    plain = goals.figures_of(goals.with_latest_figures(goals_in_order))
    assert [figures.card() for figures in plain] == [figures.card() for figures in prefetched]
    assert [figures.status for figures in plain] == [figures.status for figures in prefetched]
    assert "500,5 ton CO2e (2024)" in plain[0].summary_items


def test_the_reports_plain_read_gives_the_prefetched_figures_and_counts(goal, neh, nsh):
    """The goal report reads its page's figures as the goal list does and counts the open and
    overdue actions grouped by goal: the same cells and counts as the goals read with
    `figures_queryset(latest_only=True, count_actions=True)`."""
    import datetime

    from django.utils import timezone

    from meetings.goals import views
    from meetings.models import ActionItem

    other = factories.make_goal(neh, title="Utan indikatorer")
    factories.make_indicator(goal, name="Andra", values={2019: "3", 2023: "4.25"})
    meeting = factories.make_meeting(neh, days_ahead=-10)
    today = timezone.localdate()
    for due_in, status in [(-3, "open"), (-1, "open"), (5, "open"), (-5, "done")]:
        factories.make_action(
            meeting, goal=goal, due_on=today + datetime.timedelta(days=due_in), status=status
        )
    factories.make_action(meeting, goal=other, due_on=today + datetime.timedelta(days=3))
    factories.make_goal(nsh, title="Annat nätverk")
    ordered = Goal.objects.filter(work_area__network=neh).order_by(*views.REPORT_ORDER)
    prefetched = goals.figures_of(
        goals.figures_queryset(ordered, latest_only=True, count_actions=True), count_actions=True
    )
    plain = views._report_figures(views._report_goals(neh))

    def seen(figures):
        return [
            (
                f.goal.pk,
                f.goal.work_area.name,
                [str(item.report_cells) for item in f.indicators],
                f.open_count,
                f.overdue_count,
            )
            for f in figures
        ]

    assert seen(plain) == seen(prefetched)
    assert {f.goal.title: (f.open_count, f.overdue_count) for f in plain} == {
        "Klimatneutral organisation": (3, 2),
        "Utan indikatorer": (1, 0),
    }
    assert ActionItem.objects.filter(goal=goal, status="done").exists()
