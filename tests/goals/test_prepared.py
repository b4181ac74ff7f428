"""A goal's page reads its follow-ups, the work area's documents and its actions' responsible
administrations by queries compiled once per shape (config/prepared.py, `by_shape`): each must
find what its queryset finds, for every shape the page asks."""

from decimal import Decimal

import pytest

from config.prepared import by_shape, numbering, rows_by_shape
from meetings.form_fields import RowChoiceIterator
from meetings.goals import views
from meetings.models import ActionItem, AgendaItem, Meeting
from tests import factories

pytestmark = pytest.mark.django_db


def _pks(rows) -> list[int]:
    return [row.pk for row in rows]


def test_follow_ups_are_the_querysets(goal, neh, administration, other_administration):
    for days, status in [
        (-40, Meeting.Status.PUBLISHED),
        (-20, Meeting.Status.CANCELLED),
        (10, Meeting.Status.PLANNED),
    ]:
        meeting = factories.make_meeting(neh, days_ahead=days, status=status)
        factories.make_agenda_item(meeting, position=1, goal=goal)
        factories.make_agenda_item(meeting, goal=goal, status=AgendaItem.Status.PROPOSED)
    for coordinated in ([], [neh.pk], [neh.pk, neh.pk + 1000]):
        values = numbering("network_", coordinated)
        for limit in (2, 11):
            expected = list(views._follow_ups(goal.pk, limit, **values))
            found = by_shape(views._follow_ups, limit, goal_id=goal.pk, **values)
            assert _pks(found) == _pks(expected)
            assert [item.meeting.starts_at for item in found] == [
                item.meeting.starts_at for item in expected
            ]
    # A coordinator sees the planned meeting's item too; others only published and cancelled.
    seen = by_shape(views._follow_ups, 11, goal_id=goal.pk, **numbering("network_", [neh.pk]))
    assert len(seen) > len(by_shape(views._follow_ups, 11, goal_id=goal.pk))


def test_area_documents_are_the_querysets(goal, neh):
    area, other = goal.work_area, neh.work_areas.exclude(pk=goal.work_area_id).first()
    for n in range(4):
        document = factories.make_document(neh, title=f"Dokument {n}")
        document.work_areas.set([area] if n % 2 else [other] if other else [])
    for limit in (1, 10):
        expected = list(views._area_documents(neh.pk, area.pk, limit))
        found = by_shape(views._area_documents, limit, network_id=neh.pk, work_area_id=area.pk)
        assert _pks(found) == _pks(expected) and found


def test_responsible_administrations_are_the_querysets(neh, administration, other_administration):
    meeting = factories.make_meeting(neh, days_ahead=-10)
    actions = [
        factories.make_action(meeting, administrations=[administration, other_administration]),
        factories.make_action(meeting, administrations=[other_administration]),
        factories.make_action(meeting),
    ]
    for count in (1, 3):
        values = numbering("action_", [a.pk for a in actions[:count]])
        expected = sorted(views._responsible(None, **values))
        found = rows_by_shape(views._responsible, **values)
        assert sorted(found) == expected
        assert expected == sorted(
            (row.actionitem_id, row.administration.name)
            for row in ActionItem.administrations.through.objects.filter(
                actionitem__in=actions[:count]
            )
        )
        assert len(found) == (2 if count == 1 else 3)


def test_the_goal_reports_csv_queries_are_the_querysets(goal, neh, nsh, administration):
    """The CSV's goals (open actions counted) and indicators (latest year and value), compiled
    once, find what their querysets find: goals without indicators, an indicator without
    values, done actions not counted, another network's goals left out."""
    factories.make_indicator(goal, name="Utan värden")
    bare = factories.make_goal(neh, title="Utan indikatorer")
    other = factories.make_goal(nsh, title="Annat nätverk")
    factories.make_indicator(other, values={2023: "5"})
    meeting = factories.make_meeting(neh, days_ahead=-10)
    factories.make_action(meeting, administrations=[administration], goal=goal)
    factories.make_action(meeting, goal=bare, status="done")
    for network in (neh, nsh):
        expected_goals = list(views._csv_goals(network.pk))
        expected_indicators = list(views._csv_indicators(network.pk))
        assert views._CSV_GOALS.rows(network_id=network.pk) == expected_goals
        assert views._CSV_INDICATORS.rows(network_id=network.pk) == expected_indicators
    assert [(title, count) for _pk, _area, title, _year, count in expected_goals] == [
        ("Annat nätverk", 0)
    ]
    rows = views._CSV_GOALS.rows(network_id=neh.pk)
    assert sorted((title, count) for _pk, _area, title, _year, count in rows) == [
        ("Klimatneutral organisation", 1),
        ("Utan indikatorer", 0),
    ]
    latest = {row[1]: (row[7], row[8]) for row in views._CSV_INDICATORS.rows(network_id=neh.pk)}
    assert latest == {"Utsläpp": (2024, Decimal("500.5")), "Utan värden": (None, None)}


def test_a_goals_page_reads_what_figures_queryset_prefetches(goal, neh, administration):
    """The goal with its network, its indicators with their responsible administrations and
    every value, read by compiled queries: the same figures as the prefetched goal, for a goal
    with values, one with an indicator without values, and one without indicators."""
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    from meetings.goals import figures as goals
    from meetings.models import Goal

    factories.make_indicator(goal, name="Andra", values={2019: "3", 2023: "4.25", 2021: "9"})
    bare = factories.make_goal(neh, title="Utan värden")
    factories.make_indicator(bare, name="Ny", values={})
    empty = factories.make_goal(neh, title="Utan indikatorer")

    def seen(figures):
        return [
            figures.goal.pk,
            figures.goal.network.code,
            figures.goal.work_area.name,
            figures.status,
            [
                (
                    item.indicator.name,
                    getattr(item.indicator.responsible_administration, "name", None),
                    [(p.year, p.value) for p in item.points],
                    str(item.table_rows),
                    item.progress,
                )
                for item in figures.indicators
            ],
        ]

    for chosen in (goal, bare, empty):
        prefetched = get_object_or_404(goals.figures_queryset(Goal.objects.all()), pk=chosen.pk)
        (expected,) = goals.figures_of([prefetched])
        (found,) = goals.figures_of([views._goal_with_figures(chosen.pk)])
        assert seen(found) == seen(expected)
    (found,) = goals.figures_of([views._goal_with_figures(goal.pk)])
    assert [p.year for p in found.indicators[1].points] == [2019, 2021, 2023]
    assert found.indicators[0].indicator.responsible_administration == administration
    with pytest.raises(Http404):
        views._goal_with_figures(empty.pk + 1000)


def test_the_action_plans_choices_are_their_querysets(goal, neh, nsh, administration):
    """The goal's action plan page lists the open actions in no plan and the recent meetings
    read by compiled queries: what the fields' querysets (which validate) hold, in order, and
    the page says so when there is nothing to link."""
    import datetime

    from django.forms.models import ModelChoiceIterator
    from django.utils import timezone

    from meetings.goals import forms

    link = forms.GoalActionLinkForm(goal=goal)
    assert not link.has_choices
    meetings = [factories.make_meeting(neh, days_ahead=days) for days in (-900, -400, -20, 30, 60)]
    factories.make_meeting(nsh, days_ahead=10)
    cancelled = factories.make_meeting(neh, days_ahead=5)
    cancelled.status = Meeting.Status.CANCELLED
    cancelled.save()
    today = timezone.localdate()
    for n, meeting in enumerate(meetings[2:] * 2):
        factories.make_action(
            meeting, title=f"Åtgärd {n}", due_on=today + datetime.timedelta(days=10 - n)
        )
    factories.make_action(meetings[2], title="Klar", status="done")
    factories.make_action(meetings[2], title="I planen", goal=goal)
    link = forms.GoalActionLinkForm(goal=goal)
    create = forms.GoalActionCreateForm(goal=goal)
    action, meeting = link.fields["action"], create.fields["meeting"]
    assert isinstance(action.widget.choices, forms.OpenActionChoices)
    assert isinstance(meeting.widget.choices, forms.PreparedChoices)
    assert list(action.widget.choices) == list(action.choices)
    assert list(action.choices)[1:] == [
        (a.pk, f"{a.title} (klart senast {a.due_on.isoformat()})") for a in action.queryset
    ]
    assert [(str(value), label) for value, label in meeting.choices] == [
        (str(value), label) for value, label in ModelChoiceIterator(meeting)
    ]
    assert link.has_choices and len(link.fields["action"].choices) == 7
    titles = [label for _value, label in link.fields["action"].choices][1:]
    assert not any(t.startswith(("Klar", "I planen")) for t in titles)
    inactive = factories.make_administration("Nedlagda förvaltningen")
    inactive.is_active = False
    inactive.save()
    administrations = forms.GoalActionCreateForm(goal=goal).fields["administrations"]
    # What the widget renders: its choices come from the compiled query.
    assert isinstance(administrations.widget.choices, RowChoiceIterator)
    assert [(value.value, label) for value, label in administrations.widget.choices] == [
        (a.pk, a.name) for a in administrations.queryset
    ]
    assert inactive.pk not in [value.value for value, _label in administrations.choices]
    assert administration.pk in [value.value for value, _label in administrations.choices]
    # The empty choice and four meetings: not the one 900 days ago, the cancelled one or NSH's.
    assert len(list(create.fields["meeting"].choices)) == 5


def test_the_action_plans_first_page_and_counts_are_the_querysets(goal, neh):
    """A goal's page reads the first page of its plan (open first, by due date) and its counts
    by compiled queries: what the plan's queryset and its aggregate give."""
    import datetime

    from django.db.models import Count, Q
    from django.utils import timezone

    from meetings import paging
    from meetings.models import ActionItem

    assert views._PLAN_COUNTS.rows(goal_id=goal.pk) == []
    meeting = factories.make_meeting(neh, days_ahead=-10)
    today = timezone.localdate()
    for n in range(paging.PER_PAGE + 3):
        factories.make_action(
            meeting,
            goal=goal,
            title=f"Åtgärd {n}",
            due_on=today + datetime.timedelta(days=n % 4),
            status="done" if n % 3 == 0 else "open",
        )
    factories.make_action(meeting, title="Utan mål")
    expected = list(views._plan(goal.pk, None)[: paging.PER_PAGE])
    found = by_shape(views._plan, paging.PER_PAGE, goal_id=goal.pk)
    assert [(a.pk, a.is_done) for a in found] == [(a.pk, a.is_done) for a in expected]
    assert len(found) == paging.PER_PAGE and found[0].is_done == 0 and found[-1].is_done == 1
    aggregate = ActionItem.objects.filter(goal=goal).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status="done"))
    )
    assert views._PLAN_COUNTS.rows(goal_id=goal.pk) == [(aggregate["total"], aggregate["done"])]
    assert aggregate == {"total": paging.PER_PAGE + 3, "done": 8}
