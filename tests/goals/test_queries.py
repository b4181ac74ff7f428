"""The goal pages run the same number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db


def build(goal, neh, administration, other_administration, size):
    meeting = factories.make_meeting(neh, days_ahead=-5)
    for n in range(size):
        other = factories.make_goal(neh, title=f"Mål {n}")
        for target in (goal, other):
            factories.make_indicator(
                target,
                responsible_administration=administration,
                values={2019 - k: str(100 + k) for k in range(size)},
            )
            factories.make_action(
                meeting, administrations=[administration, other_administration], goal=target
            )
        factories.make_agenda_item(
            meeting,
            position=n + 1,
            kind=AgendaItem.Kind.GOAL_FOLLOW_UP,
            goal=goal,
        )
        factories.make_document(neh).work_areas.add(goal.work_area)


PAGES = {
    "list": ("staff", lambda g: reverse("goal_list", args=["neh"])),
    "goal": ("representative", lambda g: g.get_absolute_url()),
    "report": ("coordinator", lambda g: reverse("goal_report", args=["neh"])),
    "csv": ("coordinator", lambda g: reverse("goal_report_csv", args=["neh"])),
    "value": (
        "representative",
        lambda g: reverse("indicator_value_record", args=[g.indicators.first().pk]),
    ),
}
# sessions + user, then the page's own queries. The list is a page of goals (the goals with
# their count in one query, their indicators, each indicator's latest value); the report reads
# its page of goals the same way and counts the open actions of those goals in one more query
# (no action rows); its CSV reads each indicator's latest value as subqueries of the
# indicators' query and counts the actions with the goals. The goal page pages its action plan
# (the counts with one aggregate, the page's rows, their administrations) and reads the goal
# once with its indicators and values.
# The list: +1 for the network's sub-navigation asking whether the person holds a seat in it.
EXPECTED = {"list": 8, "goal": 12, "report": 8, "csv": 6, "value": 6}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [1, 6])
def test_goal_page_query_count_does_not_grow(
    page,
    size,
    client_for,
    goal,
    neh,
    administration,
    other_administration,
    coordinator,
    representative,
    staff,
    django_assert_num_queries,
):
    build(goal, neh, administration, other_administration, size)
    role, path = PAGES[page]
    client = client_for(role)
    url = path(goal)
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)
    assert response.status_code == 200


def test_agenda_figures_read_by_prepared_queries_are_the_prefetchs(
    goal, neh, administration, other_administration
):
    """figures_by_goal_id (the agenda's goal follow-ups), read by queries compiled once, gives
    each goal the indicators the prefetch it replaced gave, a goal without indicators
    included, each with its latest value: the line the agenda shows of it (value, target,
    progress, status) is the one made from all its values."""
    from django.db.models import Prefetch
    from django.utils import translation

    from meetings.goals.figures import figures_by_goal_id, indicator_figures
    from meetings.models import Indicator, IndicatorValue

    build(goal, neh, administration, other_administration, 3)
    bare = factories.make_goal(neh, title="Utan indikatorer")
    others = list(neh.work_areas.first().goals.exclude(pk__in=[goal.pk, bare.pk])[:2])
    ids = [goal.pk, bare.pk, *(other.pk for other in others)]
    found = figures_by_goal_id([*ids, None])

    def seen(figures):
        return [
            (
                i.indicator.pk,
                i.indicator.goal.pk,
                i.indicator.responsible_administration.name,
                i.target_year,
                (i.latest.year, i.latest.value) if i.latest else None,
                i.progress,
                i.status,
                str(i.summary),
            )
            for i in figures.indicators
        ]

    expected: dict[int, list] = {pk: [] for pk in ids}
    for indicator in (
        Indicator.objects.filter(goal_id__in=ids)
        .select_related("goal", "responsible_administration")
        .prefetch_related(
            Prefetch(
                "values", queryset=IndicatorValue.objects.order_by("year"), to_attr="value_list"
            )
        )
        .order_by("pk")
    ):
        expected[indicator.goal.pk].append(
            indicator_figures(indicator, indicator.goal.target_year, indicator.value_list)
        )
    assert sorted(found) == sorted(ids)
    for language in ("sv", "en"):
        with translation.override(language):
            for pk in ids:
                assert found[pk].goal.pk == pk
                assert seen(found[pk]) == seen(type(found[pk])(found[pk].goal, expected[pk]))
                assert (
                    found[pk].summary_items
                    == type(found[pk])(found[pk].goal, expected[pk]).summary_items
                )
    assert found[bare.pk].indicators == [] and len(found[goal.pk].indicators) >= 3
    assert all(len(i.points) > 1 for i in expected[goal.pk])
    assert all(len(i.points) == 1 for i in found[goal.pk].indicators)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_agenda_goal_html_is_the_template(
    goal, neh, administration, other_administration, language
):
    """A goal follow-up's figures on the agenda written in Python (`GoalFigures.agenda_html`)
    are what templates/meetings/goals/_agenda_goal.html writes, a goal without indicators
    and a title that needs escaping included."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from meetings.goals.figures import figures_by_goal_id

    build(goal, neh, administration, other_administration, 3)
    bare = factories.make_goal(neh, title="Utan <indikatorer> & så")
    with translation.override(language):
        for figures in figures_by_goal_id([goal.pk, bare.pk]).values():
            expected = render_to_string("meetings/goals/_agenda_goal.html", {"figures": figures})
            assert figures.agenda_html() == expected
            assert ('<span lang="sv">' in expected) == (language == "en")
