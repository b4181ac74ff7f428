"""Goal steering: the figures of goals and indicators, and the charts drawn from them.

The calculations are pure (they take values, not querysets) and tested against hand-computed
cases in tests/goals/test_calculations.py.

Rules (decided here; the issue is silent on them):
- The *latest value* is the value of the latest year recorded.
- *Progress* is how far the latest value has come from the baseline towards the target, in
  percent of the whole way: (latest − baseline) / (target − baseline) × 100, rounded to a whole
  number. It is negative when the value has moved away from the target and above 100 when it has
  gone past it (overshoot); it is not clamped, so the figure tells the truth. When baseline and
  target are equal, progress is 100 if the target is reached, else 0.
- *Target reached*: the latest value is at or beyond the target in the indicator's good
  direction (at or below it when lower is better, at or above it when higher is better).
- *On track*: the latest value is at or better than the straight line from (baseline year,
  baseline value) to (target year, target value), read at the latest value's year. Before the
  baseline year the line is the baseline value; after the target year it is the target value
  (so a value after the target year is on track only if the target is reached).
- *Off track*: otherwise. With no values recorded the status is *no values*.
"""

import dataclasses
import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from config.content_language import sv, sv_html
from config.prepared import by_shape, numbered, numbering, rows_by_shape
from meetings.models import ActionItem, Goal, Indicator, IndicatorValue

NO_VALUES = "no_values"
REACHED = "reached"
ON_TRACK = "on_track"
OFF_TRACK = "off_track"

STATUS_LABELS = {
    NO_VALUES: _("Inga värden ännu"),
    REACHED: _("Målet är nått"),
    ON_TRACK: _("I fas"),
    OFF_TRACK: _("Inte i fas"),
}


def expected_value(
    baseline_year: int,
    baseline_value: Decimal,
    target_year: int,
    target_value: Decimal,
    year: int,
) -> Decimal:
    """The value on the straight path from the baseline to the target, in `year`."""
    if year <= baseline_year or target_year <= baseline_year:
        return baseline_value if year < target_year else target_value
    if year >= target_year:
        return target_value
    share = Decimal(year - baseline_year) / Decimal(target_year - baseline_year)
    return baseline_value + (target_value - baseline_value) * share


def is_better_or_equal(value: Decimal, than: Decimal, *, lower_is_better: bool) -> bool:
    return value <= than if lower_is_better else value >= than


def progress_percent(baseline: Decimal, target: Decimal, latest: Decimal | None) -> int | None:
    """How far `latest` has come from `baseline` towards `target`, in whole percent."""
    if latest is None:
        return None
    if target == baseline:
        return 100 if latest == target else 0
    share = (latest - baseline) / (target - baseline) * 100
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def track_status(
    *,
    baseline_year: int,
    baseline_value: Decimal,
    target_year: int,
    target_value: Decimal,
    lower_is_better: bool,
    latest: tuple[int, Decimal] | None,
) -> str:
    """NO_VALUES, REACHED, ON_TRACK or OFF_TRACK for the latest (year, value)."""
    if latest is None:
        return NO_VALUES
    year, value = latest
    if is_better_or_equal(value, target_value, lower_is_better=lower_is_better):
        return REACHED
    path = expected_value(baseline_year, baseline_value, target_year, target_value, year)
    if is_better_or_equal(value, path, lower_is_better=lower_is_better):
        return ON_TRACK
    return OFF_TRACK


def display_number(value: Decimal | None) -> str:
    """A value as people write it: no trailing zeros, a decimal comma (Swedish)."""
    if value is None:
        return "–"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "−")


STATUS_MARKS = {OFF_TRACK: "▲ ", REACHED: "✓ ", ON_TRACK: "✓ "}


def status_badge(status: str) -> SafeString:
    """The status as a badge, its mark hidden from screen readers (the label says it). Built
    here, not by a template include: the lists show one per indicator and per goal."""
    return _badge(status, get_language())


@functools.lru_cache(maxsize=32)
def _badge(status: str, language: str | None) -> SafeString:
    # Four statuses times the interface languages: fixed markup, remembered.
    mark = STATUS_MARKS.get(status)
    marker = f'<span aria-hidden="true">{mark}</span>' if mark else ""
    label = escape(STATUS_LABELS[status])
    return mark_safe(  # noqa: S308 (a fixed status name, a fixed mark, the escaped label)
        f'<span class="badge goal-status goal-status-{status}">{marker}{label}</span>'
    )


# --- One indicator's figures, and its chart ---------------------------------------------------

CHART_WIDTH = 560
CHART_HEIGHT = 240
PLOT_LEFT = 70
PLOT_RIGHT = 540
PLOT_TOP = 20
PLOT_BOTTOM = 200


@dataclasses.dataclass
class Point:
    year: int
    value: Decimal
    label: str
    expected: Decimal  # the target path in that year
    on_track: bool
    x: int = 0
    y: int = 0

    @property
    def expected_label(self) -> str:
        """The target path's value that year, to one decimal."""
        return display_number(self.expected.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclasses.dataclass
class IndicatorFigures:
    indicator: Indicator
    target_year: int
    points: list[Point]
    # The latest `window` years only in the chart and the table (None: every year); the
    # figures (latest value, progress, status) are always of all the points.
    window: int | None = None

    @property
    def shown_points(self) -> list[Point]:
        return self.points[-self.window :] if self.window else self.points

    @property
    def hidden_count(self) -> int:
        return len(self.points) - len(self.shown_points)

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def latest_label(self) -> str:
        return self.latest.label if self.latest else "–"

    @functools.cached_property
    def progress(self) -> int | None:
        latest = self.latest
        return progress_percent(
            self.indicator.baseline_value,
            self.indicator.target_value,
            latest.value if latest else None,
        )

    @functools.cached_property
    def status(self) -> str:
        latest = self.latest
        return track_status(
            baseline_year=self.indicator.baseline_year,
            baseline_value=self.indicator.baseline_value,
            target_year=self.target_year,
            target_value=self.indicator.target_value,
            lower_is_better=self.indicator.lower_is_better,
            latest=(latest.year, latest.value) if latest else None,
        )

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_good(self) -> bool:
        return self.status in (REACHED, ON_TRACK)

    @property
    def status_badge(self) -> SafeString:
        return status_badge(self.status)

    @property
    def summary(self) -> SafeString:
        """One line of a goal's card (the goal list, the agenda): name, latest value against
        the target, progress and status."""
        latest = self.latest
        text: str
        if latest is None:
            text = escape(gettext("inga värden ännu"))
        else:
            text = escape(
                gettext("%(value)s %(unit)s (%(year)s), mål %(target)s till %(target_year)s")
            ) % {
                "value": escape(latest.label),
                "unit": escape(self.indicator.unit),
                "year": latest.year,
                "target": escape(self.target_label),
                "target_year": self.target_year,
            }
            if self.progress is not None:
                text += ", " + escape(gettext("%(progress)s %% av vägen")) % {
                    "progress": self.progress
                }
        name = _escaped_name(self.indicator)
        return mark_safe(f"{name}: {text} – {self.status_badge}")  # noqa: S308 (all escaped)

    @property
    def report_cells(self) -> SafeString:
        """The goal report's cells of the indicator: name, latest value, target, progress,
        status (built here: the report has a row per indicator)."""
        latest = self.latest
        unit = escape(self.indicator.unit)
        name = _escaped_name(self.indicator)
        value = f"{escape(latest.label)} {unit} ({latest.year})" if latest else "–"
        progress = "–" if self.progress is None else f"{self.progress} %"
        return mark_safe(  # noqa: S308 (all escaped)
            f"<td>{name}</td><td>{value}</td><td>{escape(self.target_label)} {unit}</td>"
            f"<td>{progress}</td><td>{self.status_badge}</td>"
        )

    @property
    def baseline_label(self) -> str:
        return display_number(self.indicator.baseline_value)

    @property
    def target_label(self) -> str:
        return display_number(self.indicator.target_value)

    @property
    def table_rows(self) -> SafeString:
        """The table's rows (year, value, target path, on track), built here as the chart's
        dots are."""
        yes, no = gettext("Ja"), gettext("Nej")
        return format_html_join(
            "\n",
            '<tr><th scope="row">{}</th><td class="indicator-value" data-year="{}">{}</td>'
            "<td>{}</td><td>{}</td></tr>",
            (
                (p.year, p.year, p.label, p.expected_label, yes if p.on_track else no)
                for p in self.shown_points
            ),
        )

    @property
    def chart_html(self) -> SafeString:
        """The chart as the goal page's include per indicator wrote it (the include cost more
        than the geometry; tests/goals/test_rows.py holds the two together): the SVG, hidden
        from screen readers (the table that follows has the same numbers), and its key."""
        chart = self.chart
        path = chart["target_path"]
        left, top, axis_y = chart["left"], chart["top"], chart["axis_y"]
        line = (
            f'<polyline class="chart-line" points="{escape(chart["line"])}"></polyline>'
            if chart["points"]
            else ""
        )
        key = escape(
            gettext(
                "Heldragen linje: uppmätta värden. Streckad linje: rak väg från basåret till målet."
            )
        )
        return mark_safe(  # noqa: S308 (numbers, escaped labels and the escaped dots)
            "\n\n\n"
            f'<svg class="chart chart-series" id="chart-indicator-{self.indicator.pk}" '
            f'viewBox="0 0 {chart["width"]} {chart["height"]}" width="{chart["width"]}" '
            f'height="{chart["height"]}" role="presentation" aria-hidden="true" '
            'focusable="false">\n'
            f'  <line class="chart-axis" x1="{left}" x2="{left}" y1="{top}" y2="{axis_y}">'
            "</line>\n"
            f'  <line class="chart-axis" x1="{left}" x2="{chart["right"]}" y1="{axis_y}" '
            f'y2="{axis_y}"></line>\n'
            f'  <text class="chart-label" x="{left - 6}" y="{top + 4}" text-anchor="end">'
            f"{escape(chart['high_label'])}</text>\n"
            f'  <text class="chart-label" x="{left - 6}" y="{axis_y + 4}" text-anchor="end">'
            f"{escape(chart['low_label'])}</text>\n"
            f'  <text class="chart-label" x="{chart["first_x"]}" y="{axis_y + 20}" '
            f'text-anchor="middle">{chart["first_year"]}</text>\n'
            f'  <text class="chart-label" x="{chart["last_x"]}" y="{axis_y + 20}" '
            f'text-anchor="middle">{chart["last_year"]}</text>\n'
            f'  <line class="chart-target" x1="{path["x1"]}" y1="{path["y1"]}" '
            f'x2="{path["x2"]}" y2="{path["y2"]}"></line>\n'
            f"  {line}\n"
            f"  {chart['dots']}\n"
            "</svg>\n"
            f'<p class="chart-key" aria-hidden="true">{key}</p>\n\n'
        )

    @property
    def chart(self) -> dict:
        """SVG geometry: the values as a line with labelled dots, the target path dashed.

        Built from `shown_points`, the same list the table is written from. When older years
        are left out (`window`), the chart starts at the first year shown and so does the
        target path, from its value that year.
        """
        indicator = self.indicator
        points = self.shown_points
        start_year, start_value = indicator.baseline_year, indicator.baseline_value
        if self.hidden_count and points[0].year > start_year:
            start_year = min(points[0].year, self.target_year)
            start_value = expected_value(
                indicator.baseline_year,
                indicator.baseline_value,
                self.target_year,
                indicator.target_value,
                start_year,
            ).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)  # as the table shows it
        first_year = min([start_year] + [p.year for p in points])
        last_year = max([self.target_year] + [p.year for p in points])
        values = [start_value, indicator.target_value] + [p.value for p in points]
        low, high = min([*values, Decimal(0)]), max(values)
        if high == low:
            high = low + 1
        span_years = max(last_year - first_year, 1)

        def x_of(year: int) -> int:
            return round(PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (year - first_year) / span_years)

        def y_of(value: Decimal) -> int:
            share = float((value - low) / (high - low))
            return round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * share)

        for point in points:
            point.x, point.y = x_of(point.year), y_of(point.value)
        return {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "points": points,
            "line": " ".join(f"{p.x},{p.y}" for p in points),
            # A dot and its label per year, built here: a template loop cost ten times as much.
            "dots": format_html_join(
                "\n",
                '<circle class="chart-dot" cx="{}" cy="{}" r="4"></circle>'
                '<text class="chart-value" x="{}" y="{}" text-anchor="middle" data-year="{}">'
                "{}</text>",
                ((p.x, p.y, p.x, p.y - 8, p.year, p.label) for p in points),
            ),
            "target_path": {
                "x1": x_of(start_year),
                "y1": y_of(start_value),
                "x2": x_of(self.target_year),
                "y2": y_of(indicator.target_value),
            },
            "axis_y": PLOT_BOTTOM,
            "left": PLOT_LEFT,
            "right": PLOT_RIGHT,
            "first_year": first_year,
            "last_year": last_year,
            "first_x": x_of(first_year),
            "last_x": x_of(last_year),
            "high_label": display_number(high),
            "low_label": display_number(low),
            "top": PLOT_TOP,
        }


def _escaped_name(indicator: Indicator) -> str:
    """The indicator's name, escaped, marked as Swedish in another interface language."""
    return sv_html(indicator.name)


def indicator_figures(indicator, target_year: int, values) -> IndicatorFigures:
    """The figures of one indicator from its values (any order)."""
    points = []
    for item in sorted(values, key=lambda v: v.year):
        expected = expected_value(
            indicator.baseline_year,
            indicator.baseline_value,
            target_year,
            indicator.target_value,
            item.year,
        )
        points.append(
            Point(
                year=item.year,
                value=item.value,
                label=display_number(item.value),
                expected=expected,
                on_track=is_better_or_equal(
                    item.value, expected, lower_is_better=indicator.lower_is_better
                ),
            )
        )
    return IndicatorFigures(indicator, target_year, points)


# --- Goals with their figures, fetched in a fixed number of queries ---------------------------


@dataclasses.dataclass
class GoalFigures:
    goal: Goal
    indicators: list[IndicatorFigures]
    open_actions: list = dataclasses.field(default_factory=list)
    done_actions: list = dataclasses.field(default_factory=list)
    # Counted in SQL when the actions themselves are not read (the report); else from the lists.
    counted_open: int | None = None
    counted_overdue: int | None = None

    @property
    def status(self) -> str:
        """The goal's status: its worst indicator's (off track before on track before
        reached); no values only when no indicator has any."""
        statuses = [figures.status for figures in self.indicators]
        for status in (OFF_TRACK, ON_TRACK, REACHED):
            if status in statuses:
                return status
        return NO_VALUES

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_good(self) -> bool:
        return self.status in (REACHED, ON_TRACK)

    @property
    def status_badge(self) -> SafeString:
        return status_badge(self.status)

    @property
    def summary_items(self) -> SafeString:
        """The goal card's list items: a line per indicator (`IndicatorFigures.summary`)."""
        if not self.indicators:
            return format_html("<li>{}</li>", gettext("Målet har inga indikatorer ännu."))
        return mark_safe("".join(f"<li>{item.summary}</li>" for item in self.indicators))  # noqa: S308

    def agenda_html(self) -> SafeString:
        """A goal follow-up item's figures on the agenda: what
        templates/meetings/goals/_agenda_goal.html writes, without a template pass (the agenda
        workspace writes its rows in Python, meetings/agenda/rows.py)."""
        title = gettext("Målet: %(title)s") % {
            "title": conditional_escape(sv(self.goal.title))  # type: ignore[arg-type]
        }
        return mark_safe(  # noqa: S308 (the title escaped, the items are safe)
            f'\n<div class="agenda-goal">\n  <p><a href="{escape(self.goal.get_absolute_url())}">'
            f'{title}</a></p>\n  <ul class="goal-figures">{self.summary_items}</ul>\n</div>\n'
        )

    def card(self, announce: str = "") -> SafeString:
        """The goal list's card: the title linked, the target year and status, the indicator
        lines. `announce`: the first card of rows added by "Visa fler" takes the focus and
        tells the live region how many are shown (templates/paging/_more.html)."""
        goal = self.goal
        focus = format_html(' data-focus data-announce="{}"', announce) if announce else ""
        return format_html(
            '\n    <li class="goal-card">\n'
            '      <h3><a href="{}"{}>{}</a></h3>\n'
            "      <p>{} {}</p>\n"
            '      <ul class="goal-figures">{}</ul>\n'
            "    </li>\n    ",
            goal.get_absolute_url(),
            focus,
            sv(goal.title),
            gettext("Till %(year)s.") % {"year": goal.target_year},
            self.status_badge,
            self.summary_items,
        )

    @property
    def open_count(self) -> int:
        if self.counted_open is not None:
            return self.counted_open
        return len(self.open_actions)

    @property
    def overdue_count(self) -> int:
        if self.counted_overdue is not None:
            return self.counted_overdue
        today = timezone.localdate()
        return sum(1 for action in self.open_actions if action.due_on < today)


class YearValue(NamedTuple):
    """An indicator's value of one year, as the figures read it."""

    year: int
    value: Decimal


def with_latest_figures(goals: list[Goal]) -> list[Goal]:
    """A page of goals with what `figures_of` reads: `goal.indicator_list` and each
    indicator's `value_list`, its latest value only. What `figures_queryset(latest_only=True,
    lean=True)` prefetches, in two plain queries compiled once per number of goals
    (config/prepared.py): the prefetch machinery's work per row, and building the queries,
    cost the goal list more than the figures (tests/goals/test_cards.py compares them)."""
    by_goal = {goal.pk: goal for goal in goals}
    for goal in goals:
        goal.indicator_list = []  # type: ignore[attr-defined]
    if not goals:
        return goals
    chosen = numbering("goal_", sorted(by_goal))
    by_id: dict[int, Indicator] = {}
    for indicator in by_shape(_indicators_of, **chosen):
        indicator.value_list = []
        by_goal[indicator.goal_id].indicator_list.append(indicator)  # type: ignore[attr-defined]
        by_id[indicator.pk] = indicator
    for indicator_id, year, value in rows_by_shape(_latest_values_of, **chosen):
        by_id[indicator_id].value_list.append(YearValue(year, value))  # type: ignore[attr-defined]
    return goals


def _indicators_of(limit: None, **goals: int) -> QuerySet[Indicator]:
    """The indicators of the goals numbered `goal_0`, `goal_1`, ..., in their own order."""
    return Indicator.objects.filter(goal_id__in=numbered(goals, "goal_"))


def _latest_values_of(limit: None, **goals: int):
    """The latest value of each indicator of the numbered goals, as (indicator, year, value)."""
    return (
        latest_values()
        .filter(indicator__goal_id__in=numbered(goals, "goal_"))
        .order_by()
        .values_list("indicator_id", "year", "value")
    )


def latest_values() -> QuerySet[IndicatorValue]:
    """Each indicator's value of its latest year only (one row per indicator, whatever the
    years recorded): what the lists and the report show."""
    latest_year = (
        IndicatorValue.objects.filter(indicator_id=OuterRef("indicator_id"))
        .order_by("-year")
        .values("year")[:1]
    )
    return IndicatorValue.objects.filter(year=Subquery(latest_year))


def goals_with_figures(
    goals_queryset,
    *,
    with_actions: bool = False,
    latest_only: bool = False,
    count_actions: bool = False,
) -> list[GoalFigures]:
    """Goals with their indicators' figures (and their action plans): three or four queries.

    `latest_only`: each indicator's latest value only (its status and progress need no more;
    not for a chart). `count_actions`: the open and overdue actions counted in SQL, not read.
    """
    queryset = figures_queryset(
        goals_queryset,
        with_actions=with_actions,
        latest_only=latest_only,
        count_actions=count_actions,
    )
    return figures_of(queryset, with_actions=with_actions, count_actions=count_actions)


def figures_queryset(
    goals_queryset,
    *,
    with_actions: bool = False,
    latest_only: bool = False,
    count_actions=False,
    lean: bool = False,
):
    """The goals with what their figures read joined or prefetched (see `goals_with_figures`);
    a page of it (a slice) is read by `figures_of`. `lean`: for a page that shows neither
    the goals' network nor the indicators' responsible administrations (the goal list), who
    are then not read."""
    values = latest_values() if latest_only else IndicatorValue.objects.all()
    # Prefetched into plain lists (`to_attr`): a related manager per goal and per indicator
    # costs Django a queryset clone each, which was half of the goal report's time at 400 goals.
    indicators = (
        Indicator.objects.all()
        if lean
        else Indicator.objects.select_related("responsible_administration")
    )
    queryset = goals_queryset.select_related(
        "work_area" if lean else "work_area__network"
    ).prefetch_related(
        Prefetch(
            "indicators",
            queryset=indicators.prefetch_related(
                # Only what the figures read (year, value): thousands of values on a network's
                # goal pages, and their other columns cost more than the figures themselves.
                Prefetch(
                    "values",
                    queryset=values.only("indicator_id", "year", "value").order_by("year"),
                    to_attr="value_list",
                )
            ),
            to_attr="indicator_list",
        )
    )
    if count_actions:
        not_done = ~Q(action_items__status=ActionItem.Status.DONE)
        queryset = queryset.annotate(
            open_action_count=Count("action_items", filter=not_done),
            overdue_action_count=Count(
                "action_items",
                filter=not_done & Q(action_items__due_on__lt=timezone.localdate()),
            ),
        )
    if with_actions:
        queryset = queryset.prefetch_related(
            Prefetch("action_items", queryset=ActionItem.objects.order_by("due_on", "pk"))
        )
    return queryset


def goal_cards(groups: list[tuple], announce: str = "") -> list[tuple]:
    """(work area, its goals' cards as one piece of HTML) per group of the goal list; the very
    first card carries `announce` (see `GoalFigures.card`)."""
    return [
        (
            area,
            mark_safe(  # noqa: S308 (each card is escaped)
                "".join(
                    figures.card(announce if (n == 0 and i == 0) else "")
                    for i, figures in enumerate(items)
                )
            ),
        )
        for n, (area, items) in enumerate(groups)
    ]


def figures_of(
    goals, *, with_actions: bool = False, count_actions: bool = False
) -> list[GoalFigures]:
    """The figures of goals read from `figures_queryset` (or a page of it)."""
    result = []
    for goal in goals:
        figures = GoalFigures(
            goal,
            [
                indicator_figures(indicator, goal.target_year, indicator.value_list)
                for indicator in goal.indicator_list
            ],
        )
        if count_actions:
            figures.counted_open = goal.open_action_count
            figures.counted_overdue = goal.overdue_action_count
        if with_actions:
            for action in goal.action_items.all():
                if action.status == ActionItem.Status.DONE:
                    figures.done_actions.append(action)
                else:
                    figures.open_actions.append(action)
        result.append(figures)
    return result


def figures_by_goal_id(goal_ids) -> dict[int, GoalFigures]:
    """For the agenda: the current figures of the goals its follow-up items name, each
    indicator's from its latest value (what the agenda's line of it shows)."""

    ids = {pk for pk in goal_ids if pk}
    if not ids:
        return {}
    # From the indicators (with their goals joined) and their values: two queries, since the
    # agenda workspace is a counted page. A goal without indicators costs a third. Each is
    # compiled once per number of goals (config/prepared.py `by_shape`): the workspace is read
    # after every change a coordinator makes there, and building these querysets (a prefetch
    # of the values) cost more than the database's answer.
    goals = numbering("goal_", sorted(ids))
    indicators = by_shape(_agenda_indicators, **goals)
    # Each indicator's latest value, as a (year, value) row: all the agenda shows of it (its
    # latest value, progress and status; no chart), as the goal list reads them.
    value_lists: dict[int, list[YearValue]] = {indicator.pk: [] for indicator in indicators}
    for indicator_id, year, value in rows_by_shape(_latest_values_of, **goals):
        value_lists[indicator_id].append(YearValue(year, value))
    by_id: dict[int, GoalFigures] = {}
    for indicator in indicators:
        indicator.value_list = value_lists[indicator.pk]
        goal = indicator.goal
        figures = by_id.setdefault(goal.pk, GoalFigures(goal, []))
        figures.indicators.append(
            indicator_figures(indicator, goal.target_year, indicator.value_list)
        )
    missing = ids - by_id.keys()
    if missing:
        for goal in by_shape(_goals, **numbering("goal_", sorted(missing))):
            by_id[goal.pk] = GoalFigures(goal, [])
    return by_id


def _agenda_indicators(limit: None, **goals: int) -> QuerySet:
    return (
        Indicator.objects.filter(goal_id__in=numbered(goals, "goal_"))
        .select_related("goal", "responsible_administration")
        .order_by("pk")
    )


def _goals(limit: None, **goals: int) -> QuerySet:
    return Goal.objects.filter(pk__in=numbered(goals, "goal_"))


def attach_goal_figures(items) -> list:
    """Give each goal follow-up item of an agenda (snapshot dicts or AgendaItems) its goal's
    current figures as `goal_figures`, in a fixed number of queries. Returns `items`."""

    def goal_id(item):
        return item.get("goal_id") if isinstance(item, dict) else item.goal_id

    by_id = figures_by_goal_id(goal_id(item) for item in items)
    for item in items:
        figures = by_id.get(goal_id(item))
        if isinstance(item, dict):
            item["goal_figures"] = figures
        else:
            item.goal_figures = figures
    return items
