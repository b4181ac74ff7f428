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

from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import CONTENT_LANGUAGE, interface_is_swedish
from meetings.reports.figures import TermReport


def table_rows(report: TermReport) -> SafeString:
    """A row per administration, or a row that says there is none."""
    if not report.administrations:
        return format_html(
            '<tr><td colspan="{}">{}</td></tr>',
            report.held_count + 4,
            gettext("Inga förvaltningar hade uppdrag i nätverket under terminen."),
        )
    # Everything that is the same for every row is translated and escaped once.
    attended_cells = {
        None: "<td></td>",
        True: f"<td>{escape(gettext('Ja'))}</td>",
        False: f"<td>{escape(gettext('Nej'))}</td>",
    }
    of = gettext("%(count)s av %(total)s")
    # The name as the `sv` filter gives it: in a <span lang="sv"> unless the page is Swedish.
    name_format = "{}" if interface_is_swedish() else f'<span lang="{CONTENT_LANGUAGE}">{{}}</span>'
    lines = []
    for row in report.administrations:
        name = row.administration.name
        cells = [attended_cells[None if value is None else bool(value)] for value in row.attended]
        recorded = row.recorded_count
        attended = of % {"count": row.attended_count, "total": recorded} if recorded else "–"
        answered = of % {"count": row.answered, "total": row.invited}
        percent = row.answered_percent
        if percent is not None:
            answered += f" ({percent} %)"
        lines.append(
            '<tr><th scope="row">'
            + (name_format.format(escape(name)) if name else escape(str(name)))
            + "</th>"
            + "".join(cells)
            + f"<td>{escape(attended)}</td><td>{escape(answered)}</td>"
            f"<td>{row.questions_raised} / {row.questions_reported_back}</td></tr>"
        )
    return SafeString("\n".join(lines))
