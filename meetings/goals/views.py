"""Goal steering: a network's goals, a goal's page, the coordinators' forms, recording an
indicator's values, a goal's action plan, and the goal report (printable and CSV).

Goals are read by everyone signed in. The network's coordinators create and edit goals and
indicators and put actions into a goal's action plan; an indicator's values are recorded by the
coordinators or by the representative or substitute of the administration responsible for it.
The goal report is for the coordinators, like the other reports.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, When, Window
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.prepared import Prepared, by_shape, numbered, numbering, rows_by_shape
from config.spreadsheet import csv_download, quoted_cell, text_cell
from meetings import paging
from meetings.access import coordinated_network, network_by_code
from meetings.goals import figures as goals
from meetings.goals.forms import (
    GoalActionCreateForm,
    GoalActionLinkForm,
    GoalForm,
    IndicatorForm,
    IndicatorValueForm,
)
from meetings.goals.rows import (
    action_plan_rows,
    document_items,
    follow_up_items,
    indicator_articles,
    report_rows,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    Document,
    Goal,
    Indicator,
    IndicatorValue,
    Meeting,
)
from meetings.rules import may_record_indicator
from networks import submissions
from networks.models import Network
from networks.rules import coordinated_network_ids, is_coordinator
from networks.versions import StaleRecordError
from representatives.rules import seated_administration_ids

RECENT_DOCUMENTS = 10


def _goal(pk: int) -> Goal:
    """The goal with its work area and network (404 if there is none), by a query compiled
    once (`_GOAL`)."""
    found = _GOAL.objects(goal_id=pk)
    if not found:
        raise Http404
    return found[0]


def _coordinated_goal(request: HttpRequest, pk: int) -> Goal:
    goal = _goal(pk)
    if not is_coordinator(request.user, goal.network):
        raise PermissionDenied
    return goal


def _grouped_by_work_area(figures: list[goals.GoalFigures]) -> list[tuple]:
    groups: dict[int, tuple] = {}
    for item in figures:
        area = item.goal.work_area
        groups.setdefault(area.pk, (area, []))[1].append(item)
    return list(groups.values())


@require_safe
@login_required
def goal_list(request: HttpRequest, code: str) -> HttpResponse:
    """The network's goals by work area, a page at a time ("Visa fler"): goals pile up over the
    years, so the page reads a page of them, each indicator with its latest value only. An htmx
    "Visa fler" gets only the next goals (a work area split over two pages is headed twice)."""
    network = network_by_code(code)
    # The page's goals and their count in one query.
    page = paging.counted_page(
        request,
        Goal.objects.filter(work_area__network=network).select_related("work_area"),
    )
    htmx = getattr(request, "htmx", False)
    announce = (
        _("Visar 1–%(last)s av %(total)s mål.")
        % {"last": page.end_index(), "total": page.paginator.count}
        if htmx
        else ""
    )
    context = {
        "network": network,
        "page": page,
        "groups": goals.goal_cards(
            _grouped_by_work_area(
                goals.figures_of(goals.with_latest_figures(list(page.object_list)))
            ),
            announce,
        ),
        "can_coordinate": is_coordinator(request.user, network),
    }
    template = "meetings/goals/goal_list.html"
    if htmx:
        template += "#goal-groups"
    return render(request, template, context)


RECENT_FOLLOW_UPS = 10
ACTIONS_PARAM = "atgarder"
# An indicator's chart and table show its latest RECENT_YEARS values; "?ar=alla" shows every
# year (decades of values pile up; the latest ones are what a follow-up looks at).
RECENT_YEARS = 10
YEARS_PARAM = "ar"
ALL_YEARS = "alla"


@require_safe
@login_required
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A goal's page. Its action plan is a page at a time (open ones first, "Visa fler"), the
    meetings that followed it up are the latest RECENT_FOLLOW_UPS: both grow with the years."""
    goal = _goal_with_figures(pk)
    network = goal.network
    (figures,) = goals.figures_of([goal])  # the goal read once, with its indicators' values
    can_coordinate = is_coordinator(request.user, network)
    represented = seated_administration_ids(request.user, network)
    all_years = request.GET.get(YEARS_PARAM) == ALL_YEARS
    for item in figures.indicators:
        item.can_record = can_coordinate or (  # type: ignore[attr-defined]
            item.indicator.responsible_administration_id in represented
        )
        if not all_years:
            item.window = RECENT_YEARS
    total, done = (_PLAN_COUNTS.rows(goal_id=goal.pk) or [(0, 0)])[0]
    counts = {"total": total, "done": done}
    page = paging.page_of(request, _plan(goal.pk, None), param=ACTIONS_PARAM, count=counts["total"])
    # The first page, which nearly everyone sees, by a query compiled once (later pages as
    # the paginator slices them).
    if page.number == 1:
        actions = by_shape(_plan, paging.PER_PAGE, goal_id=goal.pk)
    else:
        actions = list(page.object_list)
    _load_responsible(actions)
    today = timezone.localdate()
    htmx = bool(getattr(request, "htmx", False))
    context = {
        "goal": goal,
        "network": network,
        "figures": figures,
        "actions": actions,
        # Written in Python (meetings/goals/rows.py): a template row cost more than reading it.
        "action_rows": action_plan_rows(actions, today, page, htmx),
        "actions_page": page,
        "today": today,
        "recent_years": RECENT_YEARS,
        "all_years_query": f"?{YEARS_PARAM}={ALL_YEARS}",
    }
    if htmx and ACTIONS_PARAM in request.GET:
        return render(request, "meetings/goals/goal_detail.html#action-rows", context)
    # Both compiled once per shape (config/prepared.py): building them cost Django more than
    # the database takes to answer.
    agenda_items = by_shape(
        _follow_ups,
        RECENT_FOLLOW_UPS + 1,
        goal_id=goal.pk,
        **numbering("network_", sorted(coordinated_network_ids(request.user))),
    )
    documents = by_shape(
        _area_documents, RECENT_DOCUMENTS, network_id=network.pk, work_area_id=goal.work_area_id
    )
    context |= {
        # Written in Python (meetings/goals/rows.py), as the lists below.
        "indicator_articles": indicator_articles(
            figures,
            can_coordinate=can_coordinate,
            request_path=request.path,
            all_years_query=context["all_years_query"],
            recent_years=RECENT_YEARS,
        ),
        "agenda_items": agenda_items[:RECENT_FOLLOW_UPS],
        "more_follow_ups": len(agenda_items) > RECENT_FOLLOW_UPS,
        "documents": documents,
        # Written in Python (meetings/goals/rows.py): a template loop cost more than the rows.
        "follow_up_items": follow_up_items(agenda_items[:RECENT_FOLLOW_UPS]),
        "document_items": document_items(documents),
        "can_coordinate": can_coordinate,
        "actions_total": counts["total"],
        "actions_done": counts["done"],
        "actions_percent": round(100 * counts["done"] / counts["total"])
        if counts["total"]
        else None,
    }
    return render(request, "meetings/goals/goal_detail.html", context)


# A goal's page reads the goal, its indicators and all their values (the charts and tables)
# by queries compiled once (config/prepared.py), the values as plain (year, value) pairs:
# what `figures_queryset` prefetches, without building three querysets and the prefetch
# machinery's work per value row, which cost more than the figures.
_GOAL = Prepared(
    lambda goal_id: Goal.objects.filter(pk=goal_id).select_related("work_area__network"),
    goal_id=int,
)
_GOAL_INDICATORS = Prepared(
    lambda goal_id: (
        Indicator.objects.filter(goal_id=goal_id)
        .select_related("responsible_administration")
        .order_by("pk")
    ),
    goal_id=int,
)
_GOAL_VALUES = Prepared(
    lambda goal_id: (
        IndicatorValue.objects.filter(indicator__goal_id=goal_id)
        .order_by("indicator_id", "year")
        .values_list("indicator_id", "year", "value")
    ),
    goal_id=int,
)


def _goal_with_figures(pk: int) -> Goal:
    """The goal (404 if there is none) with what `figures_of` reads: `indicator_list`, each
    with its `value_list` of every year."""
    goal = _goal(pk)
    goal.indicator_list = _GOAL_INDICATORS.objects(goal_id=pk)  # type: ignore[attr-defined]
    by_id: dict[int, list] = {}
    for indicator in goal.indicator_list:  # type: ignore[attr-defined]
        indicator.value_list = []
        by_id[indicator.pk] = indicator.value_list
    for indicator_id, year, value in _GOAL_VALUES.rows(goal_id=pk):
        by_id[indicator_id].append(goals.YearValue(year, value))
    return goal


def _plan(goal_id: int, limit: int | None) -> QuerySet[ActionItem]:
    """The goal's action plan, open actions first, each by its due date."""
    done = Q(status=ActionItem.Status.DONE)
    return (
        ActionItem.objects.filter(goal_id=goal_id)
        .annotate(is_done=Case(When(done, then=1), default=0))
        # What a row shows (meetings/goals/rows.py): an action's other columns, its times
        # among them, cost more to read than the row.
        .only("title", "due_on", "status")
        .order_by("is_done", "due_on", "pk")[:limit]
    )


# The plan's actions counted, all and done (no row for a goal without actions).
_PLAN_COUNTS = Prepared(
    lambda goal_id: (
        ActionItem.objects.filter(goal_id=goal_id)
        .order_by()
        .values("goal_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=ActionItem.Status.DONE)))
        .values_list("total", "done")
    ),
    goal_id=int,
)


def _follow_ups(goal_id: int, limit: int | None, **coordinated: int) -> QuerySet[AgendaItem]:
    """The goal's accepted agenda items in meetings the person may see, latest first;
    `coordinated` numbers the networks they coordinate (`network_0`, ...).

    Visibility (`Meeting.objects.visible_to`) is a condition on the item's joined meeting: as
    a subquery (`meeting__in=`) SQLite read the items of every visible meeting to find a
    goal's few; on the join it starts from the goal's items."""
    visible = Q(meeting__status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED])
    if networks := numbered(coordinated, "network_"):
        visible |= Q(meeting__network_id__in=networks)
    return (
        AgendaItem.objects.filter(visible, goal_id=goal_id, status=AgendaItem.Status.ACCEPTED)
        .select_related("meeting")
        # What the list shows (meetings/goals/rows.py): the item's and its meeting's other
        # columns, their times among them, cost more to read than the list.
        .only("title", "meeting__starts_at")
        .order_by("-meeting__starts_at", "position")[:limit]
    )


def _area_documents(network_id: int, work_area_id: int, limit: int | None) -> QuerySet[Document]:
    """The work area's latest documents. The network named too (its documents are the only
    ones with its work areas): its documents are then read newest first by an index until the
    area's latest are found."""
    return (
        Document.objects.filter(network_id=network_id, work_areas=work_area_id)
        .recent()
        .only("title", "kind")[:limit]  # what the list shows (meetings/goals/rows.py)
    )


def _load_responsible(actions) -> None:
    """The responsible administrations of the actions, in one query."""
    if not actions:
        return
    names: dict[int, list[str]] = {}
    for action_id, name in rows_by_shape(
        _responsible, **numbering("action_", [a.pk for a in actions])
    ):
        names.setdefault(action_id, []).append(name)
    for action in actions:
        action.responsible_names = sorted(names.get(action.pk, []))


def _responsible(limit: None, **actions: int) -> QuerySet:
    """The actions' responsible administrations' names, as (action, name) (`actions` numbers
    the actions: `action_0`, ...)."""
    return ActionItem.administrations.through.objects.filter(
        actionitem_id__in=numbered(actions, "action_")
    ).values_list("actionitem_id", "administration__name")


def _posted(request: HttpRequest):
    """The submitted data of a POST (even an empty one, so it is refused), else None."""
    return request.POST if request.method == "POST" else None


def _form_page(request, template: str, context: dict, form) -> HttpResponse:
    return render(request, template, {**context, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def goal_create(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    if request.method == "POST" and (repeat := submissions.repeat_of(request)) is not None:
        return submissions.repeated(request, repeat)
    form = GoalForm(_posted(request), network=network)
    if request.method == "POST" and form.is_valid():
        try:
            with submissions.once(request.user, form) as submission:
                goal = form.save()
                submission.url = goal.get_absolute_url()
        except submissions.Repeated as repeated:
            return submissions.repeated(request, repeated)
        messages.success(request, _("Målet är skapat. Lägg till dess indikatorer."))
        return redirect(goal)
    context = {"network": network, "goal": None}
    return _form_page(request, "meetings/goals/goal_form.html", context, form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _coordinated_goal(request, pk)
    form = GoalForm(_posted(request), instance=goal, network=goal.network)
    if request.method == "POST" and form.is_valid():
        try:
            goal = form.save()
        except StaleRecordError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Målet är sparat."))
            return redirect(goal)
    context = {"network": goal.network, "goal": goal}
    return _form_page(request, "meetings/goals/goal_form.html", context, form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _coordinated_goal(request, pk)
    if request.method == "POST" and (repeat := submissions.repeat_of(request)) is not None:
        return submissions.repeated(request, repeat)
    form = IndicatorForm(_posted(request), goal=goal)
    if request.method == "POST" and form.is_valid():
        try:
            with submissions.once(request.user, form) as submission:
                indicator = form.save(commit=False)
                indicator.goal = goal
                indicator.save()
                submission.url = goal.get_absolute_url()
        except submissions.Repeated as repeated:
            return submissions.repeated(request, repeated)
        messages.success(request, _("Indikatorn är tillagd."))
        return redirect(goal)
    context = {"network": goal.network, "goal": goal, "indicator": None}
    return _form_page(request, "meetings/goals/indicator_form.html", context, form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.select_related("goal__work_area__network"), pk=pk
    )
    goal = indicator.goal
    if not is_coordinator(request.user, goal.network):
        raise PermissionDenied
    form = IndicatorForm(_posted(request), instance=indicator, goal=goal)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except StaleRecordError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Indikatorn är sparad."))
            return redirect(goal)
    context = {"network": goal.network, "goal": goal, "indicator": indicator}
    return _form_page(request, "meetings/goals/indicator_form.html", context, form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def indicator_value_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record (or correct) an indicator's value for a year."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("goal__work_area__network", "responsible_administration"),
        pk=pk,
    )
    goal = indicator.goal
    context = {"network": goal.network, "goal": goal, "indicator": indicator}
    if not may_record_indicator(request.user, indicator):
        if indicator.responsible_administration is None:
            refusal = _("Bara nätverkets samordnare kan registrera värden för indikatorn.")
        else:
            refusal = _(
                "Bara samordnarna och representanten eller ersättaren för %(administration)s "
                "i nätverket kan registrera värden för indikatorn."
            ) % {"administration": indicator.responsible_administration.name}
        context["refusal"] = refusal
        return render(request, "meetings/goals/value_form.html", context, status=403)
    form = IndicatorValueForm(_posted(request), indicator=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            _value, created = IndicatorValue.objects.update_or_create(
                indicator=indicator,
                year=data["year"],
                defaults={
                    "value": data["value"],
                    "source": data["source"].strip(),
                    "comment": data["comment"].strip(),
                    "entered_by": request.user,
                    "entered_at": timezone.now(),
                },
            )
        note = (
            _("Värdet för %(year)s är registrerat.")
            if created
            else _("Värdet för %(year)s är ändrat.")
        )
        messages.success(request, note % {"year": data["year"]})
        return redirect(goal.get_absolute_url() + f"#indicator-{indicator.pk}")
    context["values"] = list(indicator.values.select_related("entered_by").order_by("-year"))
    for row in context["values"]:
        row.label = goals.display_number(row.value)
    return _form_page(request, "meetings/goals/value_form.html", context, form)


def _actions_page(request, goal: Goal, *, link_form=None, create_form=None, status=200):
    context = {"network": goal.network, "goal": goal}
    # A blank form's long fields (the network's open actions, every administration) as
    # written before for the same rows (meetings/goals/forms.py, `written_field`); a form
    # that came back with errors is written by the template.
    if link_form is None:
        link_form = GoalActionLinkForm(goal=goal)
        context["action_field"] = link_form.written_action()
    if create_form is None:
        create_form = GoalActionCreateForm(goal=goal)
        context["administrations_field"] = create_form.written_administrations()
    context |= {"link_form": link_form, "create_form": create_form}
    return render(request, "meetings/goals/goal_actions.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def goal_action_link(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinators' page for the goal's action plan: link an existing action (POST here)
    or create one (POST to `goal_action_create`)."""
    goal = _coordinated_goal(request, pk)
    if request.method != "POST":
        return _actions_page(request, goal)
    form = GoalActionLinkForm(request.POST, goal=goal)
    if not form.is_valid():
        return _actions_page(request, goal, link_form=form)
    action = form.cleaned_data["action"]
    action.goal = goal
    action.save(update_fields=["goal", "updated_at"])
    messages.success(
        request, _("”%(title)s” ingår nu i målets handlingsplan.") % {"title": action.title}
    )
    return redirect(goal.get_absolute_url() + "#action-plan")


@require_POST
@login_required
def goal_action_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _coordinated_goal(request, pk)
    if (repeat := submissions.repeat_of(request)) is not None:
        return submissions.repeated(request, repeat)
    form = GoalActionCreateForm(request.POST, goal=goal)
    if not form.is_valid():
        return _actions_page(request, goal, create_form=form)
    try:
        with submissions.once(request.user, form) as submission:
            action = form.save(commit=False)
            action.goal = goal
            action.created_by = request.user
            action.save()
            form.save_m2m()
            submission.url = goal.get_absolute_url() + "#action-plan"
    except submissions.Repeated as repeated:
        return submissions.repeated(request, repeated)
    messages.success(
        request, _("”%(title)s” är tillagd i målets handlingsplan.") % {"title": action.title}
    )
    return redirect(goal.get_absolute_url() + "#action-plan")


# --- The goal report ----------------------------------------------------------------------------


REPORT_ORDER = ("work_area__position", "work_area_id", "title", "pk")


def _report_goals(network: Network | int):
    """The network's goals in the report's order, with their work areas (the report's groups)."""
    return (
        Goal.objects.filter(work_area__network=network)
        .select_related("work_area")
        .order_by(*REPORT_ORDER)
    )


def _report_page(network_id: int, limit: int, offset: int):
    """A page of `_report_goals`, each with the list's total (`paging_total`, as
    `counted_page` counts it)."""
    return _report_goals(network_id).annotate(paging_total=Window(Count("pk")))[
        offset : offset + limit
    ]


def _open_action_counts(today: datetime.date, **goals: int):
    """The open and the overdue actions of the goals (`goal_0`, `goal_1`, ...), by goal."""
    return (
        ActionItem.objects.filter(goal_id__in=numbered(goals, "goal_"))
        .exclude(status=ActionItem.Status.DONE)
        .values("goal_id")
        .annotate(
            open_count=Count("pk"),
            overdue_count=Count("pk", filter=Q(due_on__lt=today)),
        )
        .order_by()
        .values_list("goal_id", "open_count", "overdue_count")
    )


def _report_figures(page_of_goals) -> list:
    """The figures of a page of `_report_goals`: each indicator's latest value only, as the
    goal list reads them (`with_latest_figures`: two plain queries, not the prefetch
    machinery), and the open and overdue actions counted, in one query grouped by goal (the
    report shows no series and no action, so neither is read: years of values would be)."""
    chosen = goals.with_latest_figures(list(page_of_goals))
    # Counted by a query compiled once per number of goals (config/prepared.py).
    counts = (
        {
            goal_id: (open_count, overdue_count)
            for goal_id, open_count, overdue_count in rows_by_shape(
                _open_action_counts,
                today=timezone.localdate(),
                **numbering("goal_", [goal.pk for goal in chosen]),
            )
        }
        if chosen
        else {}
    )
    figures = goals.figures_of(chosen)
    for item in figures:
        item.counted_open, item.counted_overdue = counts.get(item.goal.pk, (0, 0))
    return figures


@require_safe
@login_required
def goal_report(request: HttpRequest, code: str) -> HttpResponse:
    """The goal report, 20 goals at a time ("Visa fler" adds the next rows to the table): a
    network's goals pile up over the years. The CSV has every goal."""
    network = coordinated_network(request, code)
    # The page's goals and their count in one query, compiled once (config/prepared.py).
    page = paging.counted_page(
        request,
        _report_goals(network),
        fetch=lambda offset, limit: by_shape(_report_page, limit, offset, network_id=network.pk),
    )
    groups = _grouped_by_work_area(_report_figures(page.object_list))
    htmx = bool(getattr(request, "htmx", False))
    context = {
        "network": network,
        "page": page,
        "groups": groups,
        "report_rows": report_rows(groups, page, htmx),
        "today": timezone.localdate(),
    }
    template = "meetings/goals/goal_report.html"
    if htmx:
        template += "#report-rows"
    return render(request, template, context)


@require_safe
@login_required
def goal_report_csv(request: HttpRequest, code: str) -> HttpResponse:
    """One row per indicator (a goal without indicators gets one row), `;`-separated UTF-8
    with a byte order mark, like the other CSVs."""
    network = coordinated_network(request, code)
    filename = f"mal-{network.code.lower()}-{timezone.localdate().isoformat()}.csv"
    response, writer = csv_download(filename)
    writer.writerow(
        [
            _("Arbetsområde"),
            _("Mål"),
            _("Målår"),
            _("Indikator"),
            _("Enhet"),
            _("Basår"),
            _("Värde basåret"),
            _("Senaste år"),
            _("Senaste värde"),
            _("Målvärde"),
            _("Framsteg (%)"),
            _("Läge"),
            _("Öppna åtgärder"),
        ]
    )
    # The rows written out by `_report_csv_text`, each typed text made safe for a spreadsheet.
    writer.write_lines(_report_csv_text(network))
    return response


def _csv_goals(network_id: int):
    """The network's goals with their open actions counted, in the report's order. The count
    is a subquery per goal (by the actions' goal index): grouping the goals joined to their
    actions cost SQLite several times more."""
    open_actions = (
        ActionItem.objects.filter(goal_id=OuterRef("pk"))
        .exclude(status=ActionItem.Status.DONE)
        .order_by()
        .values("goal_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Goal.objects.filter(work_area__network_id=network_id)
        .annotate(open_action_count=Coalesce(Subquery(open_actions), 0))
        .order_by(*REPORT_ORDER)
        .values_list("pk", "work_area__name", "title", "target_year", "open_action_count")
    )


def _csv_indicators(network_id: int):
    """The network's indicators with each one's latest year and value, as subqueries of the
    indicators' query: per indicator, by its (indicator, year) index, not per value row as
    `latest_values()` is."""
    latest = IndicatorValue.objects.filter(indicator_id=OuterRef("pk")).order_by("-year")
    return (
        Indicator.objects.filter(goal__work_area__network_id=network_id)
        .annotate(
            latest_year=Subquery(latest.values("year")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
        )
        .order_by("goal_id", "pk")
        .values_list(
            "goal_id",
            "name",
            "unit",
            "baseline_year",
            "baseline_value",
            "target_value",
            "direction",
            "latest_year",
            "latest_value",
        )
    )


# Compiled once (config/prepared.py): building the two querysets cost Django about as much as
# SQLite reading a network's hundreds of goals.
_CSV_GOALS = Prepared(_csv_goals, network_id=int)
_CSV_INDICATORS = Prepared(_csv_indicators, network_id=int)


def _once_per_value(convert: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """`convert` (a column's conversion, or None for none), done once per distinct value."""
    if convert is None:
        return lambda value: value
    done: dict = {}

    def converted(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            found = done[value] = convert(value)
            return found

    return converted


def _report_csv_text(network: Network) -> str:
    """The CSV's rows after its heading, written out as the one writer writes them
    (config/spreadsheet.py: `text_cell`, `quoted_cell`, `CSVWriter.write_lines`), from plain
    values in two queries (goals with their open actions counted, indicators with their
    latest value) and the figures' own rules (meetings/goals/figures.py): a network's goals
    pile up, and model instances, a figures object per indicator and the writer's work per
    cell cost more than the rows.

    The indicators' rows are read as the database gives them: their numbers repeat (a
    baseline, a target, a value shared by many indicators), so each distinct number is
    converted and written once, and the cells of each distinct (baseline, target, latest)
    worked out once. A goal's cells are written once for its rows; typed text (work area,
    goal, indicator, unit) is made safe for a spreadsheet once per goal and per indicator."""
    goal_rows = _CSV_GOALS.rows(network_id=network.pk)
    found, converters = _CSV_INDICATORS.unconverted_rows(network_id=network.pk)
    indicators: dict[int, list[tuple]] = {}
    for row in found:
        indicators.setdefault(row[0], []).append(row)
    labels = {status: quoted_cell(str(label)) for status, label in goals.STATUS_LABELS.items()}
    lower = Indicator.Direction.LOWER
    number, progress_percent, track_status = (
        goals.display_number,
        goals.progress_percent,
        goals.track_status,
    )
    (
        convert_baseline_year,
        convert_baseline,
        convert_target,
        convert_direction,
        convert_year,
        convert_value,
    ) = [_once_per_value(convert) for convert in (converters or [None] * 9)[3:]]
    texts: dict = {}  # a converted number -> its text

    def text(value: Any) -> str:
        try:
            return texts[value]
        except KeyError:
            found = texts[value] = quoted_cell(number(value))
            return found

    # The indicator's numbers -> its cells from the baseline year to the status.
    figures: dict[tuple, str] = {}
    lines: list[str] = []
    no_indicator = ";;;;;;;;" + labels[goals.NO_VALUES]
    for goal_id, area, title, target_year, open_count in goal_rows:
        goal_cells = f"{text_cell(area)};{text_cell(title)};{target_year};"
        if goal_id not in indicators:
            lines.append(f"{goal_cells}{no_indicator};{open_count}\r\n")
            continue
        for _goal, name, unit, *numbers in indicators[goal_id]:
            key = (target_year, *numbers)
            cells = figures.get(key)
            if cells is None:
                baseline_year, baseline, target, direction, year, value = numbers
                baseline_year = convert_baseline_year(baseline_year)
                baseline, target = convert_baseline(baseline), convert_target(target)
                direction = convert_direction(direction)
                year, value = convert_year(year), convert_value(value)
                if year is None:
                    progress = None
                    status = goals.NO_VALUES
                else:
                    progress = progress_percent(baseline, target, value)
                    status = track_status(
                        baseline_year=baseline_year,
                        baseline_value=baseline,
                        target_year=target_year,
                        target_value=target,
                        lower_is_better=direction == lower,
                        latest=(year, value),
                    )
                cells = figures[key] = ";".join(
                    (
                        str(baseline_year),
                        text(baseline),
                        "" if year is None else str(year),
                        "" if year is None else text(value),
                        text(target),
                        "" if progress is None else str(progress),
                        labels[status],
                    )
                )
            lines.append(
                f"{goal_cells}{text_cell(name)};{text_cell(unit)};{cells};{open_count}\r\n"
            )
    return "".join(lines)
