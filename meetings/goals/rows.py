"""A goal's page's lists of meetings that dealt with it and of the work area's documents,
written in Python: a reversed URL, a date and a `|sv` per item in a template loop cost more
than reading them. tests/goals/test_rows.py holds them to the template loops they replaced, in
both languages."""

from collections.abc import Iterable
from typing import Any

from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from config.content_language import sv_html
from config.dates import long_date
from config.paging import announced
from config.reversing import key_url, pk_url
from meetings.models import ActionItem, Document, Indicator


def follow_up_items(items: Iterable[Any]) -> SafeString:
    """The `<li>`s of agenda items (with their meetings): the meeting's day linked, the title."""
    return mark_safe(  # noqa: S308 (all escaped)
        "".join(
            f'\n    <li><a href="{escape(pk_url("meeting_detail", item.meeting_id))}">'
            f"{escape(long_date(item.meeting.starts_at))}</a>: {sv_html(item.title)}</li>\n    "
            for item in items
        )
    )


def document_items(documents: Iterable[Any]) -> SafeString:
    """The `<li>`s of documents: the title linked, the kind."""
    kinds = {kind: escape(str(label).lower()) for kind, label in Document.Kind.choices}
    return mark_safe(  # noqa: S308 (all escaped)
        "".join(
            f'<li><a href="{escape(pk_url("document_detail", document.pk))}">'
            f"{sv_html(document.title)}</a> "
            f"({kinds.get(document.kind) or escape(document.kind.lower())})</li>"
            for document in documents
        )
    )


def action_plan_rows(actions: Iterable[Any], today: Any, page: Any, htmx: bool) -> SafeString:
    """The `<tr>`s of a page of a goal's action plan (actions with `is_done` and
    `responsible_names`): title, who, by when (late or not), status. For htmx's "Visa fler"
    the first announces the page and takes the focus."""
    statuses = {status: escape(str(label)) for status, label in ActionItem.Status.choices}
    late = f' <span class="badge badge-warning">{gettext("försenad")}</span>'
    rows = []
    for n, action in enumerate(actions):
        announce = focus = ""
        if htmx and n == 0:
            announce = announced(gettext("Visar 1–%(last)s av %(total)s åtgärder."), page)
            focus = ' tabindex="-1" data-focus'
        names = sv_html(", ".join(action.responsible_names) or "–")
        due_on = action.due_on
        overdue = late if not action.is_done and due_on < today else ""
        rows.append(
            f'\n        <tr{announce}><th scope="row"{focus}>{sv_html(action.title)}</th>'
            f'<td>{names}</td><td><time datetime="{due_on.isoformat()}">'
            f"{escape(long_date(due_on))}</time>{overdue}</td>"
            f"<td>{statuses.get(action.status) or escape(action.status)}</td></tr>\n        "
        )
    return mark_safe("".join(rows))  # noqa: S308 (all escaped)


def indicator_articles(
    figures: Any,
    *,
    can_coordinate: bool,
    request_path: str,
    all_years_query: str,
    recent_years: int,
) -> SafeString:
    """A goal's indicators, each an `<article>` with its facts, chart, table of years and the
    links to record a value or edit it, as the goal page's template loop wrote them (its
    translations, filters and two includes per indicator cost more than the figures); or
    that the goal has none. The facts, the chart and the rows are the figures' own
    (meetings/goals/figures.py)."""
    indicators = figures.indicators
    if not indicators:
        return mark_safe(  # noqa: S308 (a translation, as {% translate %} writes it)
            f"\n  <p>{gettext('Målet har inga indikatorer ännu.')}</p>\n  "
        )
    target_year = figures.goal.target_year
    directions = {value: escape(str(label).lower()) for value, label in Indicator.Direction.choices}
    facts = {
        "baseline": gettext("Basår"),
        "target": gettext("Mål"),
        "latest": gettext("Senaste värde"),
        "progress": gettext("Framsteg"),
        "status": gettext("Läge"),
        "responsible": gettext("Ansvarig förvaltning"),
    }
    by_year = gettext("till %(year)s") % {"year": target_year}
    along = gettext("%(progress)s %% av vägen från basåret till målet")
    record, edit = gettext("Registrera värde"), gettext("Ändra indikatorn")
    history = gettext("Ändringshistorik")
    headings = (
        f'<thead><tr><th scope="col">{gettext("År")}</th><th scope="col">{gettext("Värde")}'
        f'</th><th scope="col">{gettext("Väg mot målet")}</th><th scope="col">'
        f"{gettext('I fas')}</th></tr></thead>"
    )
    no_values = gettext("Inga värden registrerade ännu.")
    caption = gettext("%(name)s (%(unit)s) per år, mot målets väg")
    shown_of = gettext("Visar de senaste %(shown)s av %(total)s år.")
    all_years, only_recent = gettext("Visa alla år"), gettext("Visa bara de senaste %(count)s åren")
    path, query = escape(request_path), escape(all_years_query)
    parts = []
    for item in indicators:
        indicator = item.indicator
        pk = indicator.pk
        name, unit = sv_html(indicator.name), escape(indicator.unit)
        hidden_name = f'<span class="visually-hidden">: {name}</span>'
        latest = item.latest
        latest_text = f"{escape(item.latest_label)} {unit} ({latest.year})" if latest else "–"
        progress = item.progress
        progress_text = "–" if progress is None else along % {"progress": progress}
        administration = indicator.responsible_administration
        responsible = (
            sv_html(administration.name)
            if administration is not None and administration.name
            else "–"
        )
        points = item.points
        rows = (
            str(item.table_rows)
            if points
            else f'\n      <tr><td colspan="4">{no_values}</td></tr>\n      '
        )
        years = ""
        if item.hidden_count:
            shown = shown_of % {"shown": len(item.shown_points), "total": len(points)}
            years = (
                f'\n<p class="indicator-years">{shown} <a href="{query}#indicator-{pk}">'
                f"{all_years}{hidden_name}</a></p>\n"
            )
        elif len(points) > recent_years:
            years = (
                f'\n<p class="indicator-years"><a href="{path}#indicator-{pk}">'
                f"{only_recent % {'count': recent_years}}{hidden_name}</a></p>\n"
            )
        links = ""
        if item.can_record or can_coordinate:
            record_link = (
                f'<li><a class="button" href="{escape(pk_url("indicator_value_record", pk))}">'
                f"{record}{hidden_name}</a></li>"
                if item.can_record
                else ""
            )
            edit_links = ""
            if can_coordinate:
                history_title = f'<span class="visually-hidden">: {name}</span>' if name else ""
                edit_links = (
                    f'<li><a class="button button-secondary" '
                    f'href="{escape(pk_url("indicator_edit", pk))}">{edit}{hidden_name}</a></li>\n'
                    f'      <li><a class="history-link" '
                    f'href="{escape(key_url("object_history", "indikator", key=pk))}">'
                    f"{history}{history_title}</a>\n</li>"
                )
            links = (
                '\n    <ul class="action-links">\n'
                f"      {record_link}\n"
                f"      {edit_links}\n"
                "    </ul>\n    "
            )
        parts.append(
            f'\n  <article class="indicator" id="indicator-{pk}" '
            f'aria-labelledby="indicator-heading-{pk}">\n'
            f'    <h3 id="indicator-heading-{pk}">{name} ({unit})</h3>\n'
            '    <dl class="facts">\n'
            f"      <dt>{facts['baseline']}</dt><dd>{indicator.baseline_year}: "
            f"{escape(item.baseline_label)} {unit}</dd>\n"
            f"      <dt>{facts['target']}</dt><dd>{escape(item.target_label)} {unit} {by_year} "
            f"({directions.get(indicator.direction) or escape(indicator.direction.lower())})"
            "</dd>\n"
            f'      <dt>{facts["latest"]}</dt><dd class="latest-value">{latest_text}</dd>\n'
            f"      <dt>{facts['progress']}</dt><dd>{progress_text}</dd>\n"
            f"      <dt>{facts['status']}</dt><dd>{item.status_badge}</dd>\n"
            f"      <dt>{facts['responsible']}</dt><dd>{responsible}</dd>\n"
            "    </dl>\n"
            f"    {item.chart_html}\n"
            '    <div class="table-wrap">\n'
            f'  <table class="indicator-table" id="table-indicator-{pk}">\n'
            f"    <caption>{caption % {'name': name, 'unit': unit}}</caption>\n"
            f"    {headings}\n"
            "    <tbody>\n"
            f"      {rows}\n"
            "    </tbody>\n"
            "  </table>\n"
            "</div>\n"
            f"{years}\n\n"
            f"    {links}\n"
            "  </article>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (all escaped or the figures' own markup)


def report_rows(groups: Iterable[tuple[Any, list[Any]]], page: Any, htmx: bool) -> SafeString:
    """The goal report's `<tr>`s for a page of goals grouped by work area (`(area, figures)`):
    a heading row per area, then a row per indicator (the goal and its open actions spanning
    them), or one row for a goal without indicators, as the report's template loops wrote
    them (a `|sv`, a localized number and a translation per row cost more than the figures).
    For htmx's "Visa fler" the first row announces the page and the first goal takes the
    focus."""
    no_indicators = escape(gettext("Inga indikatorer"))
    out = []
    for n, (area, items) in enumerate(groups):
        announce = ""
        if htmx and n == 0:
            announce = announced(gettext("Visar 1–%(last)s av %(total)s mål."), page)
        out.append(
            f'\n      <tr class="report-group-row"{announce}><th scope="colgroup" colspan="7"'
            f' class="report-group">{sv_html(area.name)}</th></tr>\n      '
        )
        for m, figures in enumerate(items):
            goal = figures.goal
            focus = ' tabindex="-1" data-focus' if htmx and n == 0 and m == 0 else ""
            title = f"{sv_html(goal.title)} ({escape(localize(goal.target_year))})"
            open_count = escape(localize(figures.open_count))
            out.append("\n      ")
            indicators = figures.indicators
            if not indicators:
                out.append(
                    f'\n      <tr class="goal-row"><th scope="row"{focus}>{title}</th>'
                    f'<td colspan="5">{no_indicators}</td><td>{open_count}</td></tr>\n      '
                )
            for k, item in enumerate(indicators):
                head = actions = ""
                if k == 0:
                    span = escape(localize(len(indicators)))
                    head = f'<th scope="row" rowspan="{span}"{focus}>{title}</th>'
                    late = ""
                    if overdue := figures.overdue_count:
                        late_text = ngettext("%(count)s försenad", "%(count)s försenade", overdue)
                        late = f" ({late_text % {'count': escape(localize(overdue))}})"
                    actions = f'<td rowspan="{span}">{open_count}{late}</td>'
                out.append(
                    f'\n      <tr class="goal-row">\n        {head}\n        {item.report_cells}'
                    f"\n        {actions}\n      </tr>\n      "
                )
            out.append("\n      ")
        out.append("\n    ")
    return mark_safe("".join(out))  # noqa: S308 (all escaped)
