"""The printed term report's table rows, written out in Python.

The print version holds every administration (it is printed whole for the management group),
and a template row of a dozen cells costs about a tenth of a millisecond: at a few hundred
administrations the rows cost more than everything else on the page. Even format_html per cell
(a lazy-aware wrapper, a conditional escape and a SafeString for each of some ten thousand
cells) cost more than the rest of the page, so the cells are plain strings escaped with the
standard library's html.escape (what django.utils.html.escape calls) and joined once. The
markup is bare (no classes or attributes per cell), the same as the template's would be;
tests/reports/test_printed.py compares it with the format_html rows it replaced.
"""

from collections.abc import Sequence
from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import CONTENT_LANGUAGE, interface_is_swedish
from meetings.reports.figures import AdministrationRow, TermReport


def table_rows(report: TermReport) -> SafeString:
    """A row per administration, or a row that says there is none."""
    if not report.administrations:
        return format_html(
            '<tr><td colspan="{}">{}</td></tr>',
            report.held_count + 4,
            gettext("Inga förvaltningar hade uppdrag i nätverket under terminen."),
        )
    # Everything that is the same for every row is translated and escaped once: the "X av Y"
    # format too, as only numbers go into it.
    attended_cells = {
        None: "<td></td>",
        True: f"<td>{escape(gettext('Ja'))}</td>",
        False: f"<td>{escape(gettext('Nej'))}</td>",
    }
    of = escape(gettext("%(count)s av %(total)s"))
    # The name as the `sv` filter gives it: in a <span lang="sv"> unless the page is Swedish.
    name_format = "{}" if interface_is_swedish() else f'<span lang="{CONTENT_LANGUAGE}">{{}}</span>'
    # A row's cells after its name depend only on its figures, which many administrations
    # share (at 401 administrations, a few dozen different rows): each is written once.
    tails: dict[tuple, str] = {}
    lines = []
    for row in report.administrations:
        name = row.administration.name
        key = (
            *row.attended,
            row.answered,
            row.invited,
            row.questions_raised,
            row.questions_reported_back,
        )
        tail = tails.get(key)
        if tail is None:
            cells = [
                attended_cells[None if value is None else bool(value)] for value in row.attended
            ]
            recorded = row.recorded_count
            attended = of % {"count": row.attended_count, "total": recorded} if recorded else "–"
            answered = of % {"count": row.answered, "total": row.invited}
            percent = row.answered_percent
            if percent is not None:
                answered += f" ({percent} %)"
            tail = tails[key] = (
                "</th>" + "".join(cells) + f"<td>{attended}</td><td>{answered}</td>"
                f"<td>{row.questions_raised} / {row.questions_reported_back}</td></tr>"
            )
        lines.append(
            '<tr><th scope="row">'
            + (name_format.format(escape(name)) if name else escape(str(name)))
            + tail
        )
    return SafeString("\n".join(lines))


def page_rows(
    rows: Sequence[AdministrationRow], *, last: int, total: int, htmx: bool
) -> SafeString:
    """The report page's rows for a page of administrations (the markup of the template loop
    they replaced, white space and all; tests/reports/test_printed.py compares them). `htmx`:
    the rows answer "Visa fler", so the first one says how many are shown (`last` of `total`)
    and takes the focus."""
    not_ticked = (
        f'<td><span class="visually-hidden">{escape(gettext("Inte avprickad"))}</span></td>'
    )
    attended_cells = {
        None: not_ticked,
        True: f"<td>{escape(gettext('Ja'))}</td>",
        False: f"<td>{escape(gettext('Nej'))}</td>",
    }
    of = gettext("%(count)s av %(total)s")
    not_recorded = escape(gettext("Inte registrerad"))
    name_format = "{}" if interface_is_swedish() else f'<span lang="{CONTENT_LANGUAGE}">{{}}</span>'
    parts = []
    for index, row in enumerate(rows):
        announce = focus = ""
        if htmx and index == 0:
            shown = gettext("Visar 1–%(last)s av %(total)s förvaltningar.")
            announce = f' data-announce="{shown % {"last": last, "total": total}}"'
            focus = ' tabindex="-1" data-focus'
        name = row.administration.name
        recorded = row.recorded_count
        attended_count = row.attended_count
        attended = of % {"count": attended_count, "total": recorded} if recorded else not_recorded
        percent = row.answered_percent
        answered = of % {"count": row.answered, "total": row.invited}
        if percent is not None:
            answered += f" ({percent} %)"
        raised, reported = row.questions_raised, row.questions_reported_back
        parts.append(
            f"\n        <tr{announce}>\n"
            f'          <th scope="row"{focus}>'
            + (name_format.format(escape(name)) if name else escape(str(name)))
            + "</th>\n          "
            + "".join(
                attended_cells[None if value is None else bool(value)] for value in row.attended
            )
            + f'\n          <td class="num-attended" data-value="{attended_count}">{attended}</td>'
            f'\n          <td class="num-answered" data-value="{percent or 0}">{answered}</td>'
            f'\n          <td class="num-questions" data-value="{raised}">{raised}</td>'
            f'\n          <td class="num-reported-back" data-value="{reported}">'
            f"{of % {'count': reported, 'total': raised}}</td>\n        </tr>\n        "
        )
    return SafeString("".join(parts))
